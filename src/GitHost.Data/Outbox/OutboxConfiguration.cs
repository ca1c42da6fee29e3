using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Outbox;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessageEntity>
{
    public void Configure(EntityTypeBuilder<OutboxMessageEntity> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(o => o.EventKey).HasMaxLength(64).IsRequired();
        builder.Property(o => o.Payload).IsRequired();
        builder.HasIndex(o => o.ProcessedDate);
        builder.HasIndex(o => o.PipelinesProcessedDate);
        // Pull request suggestions read a user's recent repo:refs_changed events back, newest first.
        builder.HasIndex(o => new { o.ActorUserId, o.CreatedDate });
    }
}
