using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Cluster;

internal sealed class ClusterLeaseConfiguration : IEntityTypeConfiguration<ClusterLeaseEntity>
{
    public void Configure(EntityTypeBuilder<ClusterLeaseEntity> builder)
    {
        builder.ToTable("ClusterLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Owner).HasMaxLength(64).IsRequired();
    }
}
