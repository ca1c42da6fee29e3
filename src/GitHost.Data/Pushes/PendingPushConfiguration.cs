using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Pushes;

internal sealed class PendingPushConfiguration : IEntityTypeConfiguration<PendingPushEntity>
{
    public void Configure(EntityTypeBuilder<PendingPushEntity> builder)
    {
        builder.ToTable("PendingPushes");
        builder.HasKey(p => p.PushId);
        builder.Property(p => p.PushId).HasMaxLength(64);
        builder.Property(p => p.NodeId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.Principal).HasMaxLength(1024).IsRequired();
        builder.Property(p => p.Protocol).HasMaxLength(16).IsRequired();
        builder.Property(p => p.RemoteAddress).HasMaxLength(64);
        builder.Property(p => p.BaseUrl).HasMaxLength(1024).IsRequired();
        builder.Property(p => p.Updates).IsRequired();
        builder.HasIndex(p => p.NodeId);
    }
}
