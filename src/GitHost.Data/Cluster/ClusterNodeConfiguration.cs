using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Cluster;

internal sealed class ClusterNodeConfiguration : IEntityTypeConfiguration<ClusterNodeEntity>
{
    public void Configure(EntityTypeBuilder<ClusterNodeEntity> builder)
    {
        builder.ToTable("ClusterNodes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasMaxLength(64);
        builder.Property(n => n.Name).HasMaxLength(255).IsRequired();
        builder.Property(n => n.Address).HasMaxLength(255).IsRequired();
        builder.Property(n => n.BuildVersion).HasMaxLength(64).IsRequired();
    }
}
