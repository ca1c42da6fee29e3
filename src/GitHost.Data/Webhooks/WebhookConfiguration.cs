using GitHost.Data.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Webhooks;

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<WebhookEntity>
{
    public void Configure(EntityTypeBuilder<WebhookEntity> builder)
    {
        builder.ToTable("Webhooks");
        builder.Property(w => w.Name).HasMaxLength(255).IsRequired();
        builder.Property(w => w.Url).HasMaxLength(2048).IsRequired();
        builder.Property(w => w.Events).HasMaxLength(2048).IsRequired();
        builder.Property(w => w.Secret).HasMaxLength(255);
        builder.Property(w => w.Configuration).HasMaxLength(8192);
        builder.Property(w => w.Username).HasMaxLength(255);
        builder.Property(w => w.Password).HasMaxLength(255);
        builder.Property(w => w.LeaseOwner).HasMaxLength(64);
        builder.HasIndex(w => new { w.ScopeType, w.ScopeId });
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDeliveryEntity>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryEntity> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.Property(d => d.EventKey).HasMaxLength(64).IsRequired();
        builder.Property(d => d.Body).IsRequired();
        builder.Property(d => d.RequestId).HasMaxLength(36).IsRequired();
        builder.Property(d => d.Error).HasMaxLength(1024);
        builder.Property(d => d.ResponseBody).HasMaxLength(16384);
        // The claim query: the oldest pending row per hook whose time has come.
        builder.HasIndex(d => new { d.State, d.NextAttemptDate });
        builder.HasIndex(d => new { d.WebhookId, d.State, d.Id });
        // Fan-out is idempotent: a message replayed after a crash cannot owe a hook twice.
        builder.HasIndex(d => new { d.WebhookId, d.OutboxMessageId }).IsUnique();
        builder.HasOne<WebhookEntity>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OutboxMessageEntity>().WithMany().HasForeignKey(d => d.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
    }
}
