using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Audit;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEventEntity>
{
    public void Configure(EntityTypeBuilder<AuditEventEntity> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(e => e.Action).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Category).HasMaxLength(64).IsRequired();
        builder.Property(e => e.ActorName).HasMaxLength(255);
        builder.Property(e => e.Credential).HasMaxLength(16);
        builder.Property(e => e.SourceIp).HasMaxLength(64);
        builder.Property(e => e.Node).HasMaxLength(255);
        builder.Property(e => e.Method).HasMaxLength(16).IsRequired();
        builder.Property(e => e.ObjectType).HasMaxLength(32).IsRequired();
        builder.Property(e => e.ObjectId).HasMaxLength(255);
        builder.Property(e => e.ObjectName).HasMaxLength(1024);
        builder.Property(e => e.ProjectKey).HasMaxLength(128);
        builder.Property(e => e.RepositorySlug).HasMaxLength(128);

        // No foreign keys: a record outlives the user, project or repository it names.
        builder.HasIndex(e => e.Timestamp);
        builder.HasIndex(e => new { e.ActorUserId, e.Id });
        builder.HasIndex(e => new { e.Action, e.Id });
        builder.HasIndex(e => new { e.ProjectId, e.Id });
        builder.HasIndex(e => new { e.RepositoryId, e.Id });
    }
}
