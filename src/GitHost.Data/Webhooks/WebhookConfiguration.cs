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
        // The retention purge: finished deliveries by when they finished.
        builder.HasIndex(d => new { d.State, d.FinishDate });
        // Fan-out is idempotent: a message replayed after a crash cannot owe a hook twice.
        builder.HasIndex(d => new { d.WebhookId, d.OutboxMessageId }).IsUnique();
        builder.HasOne<WebhookEntity>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OutboxMessageEntity>().WithMany().HasForeignKey(d => d.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttemptEntity>
{
    public void Configure(EntityTypeBuilder<WebhookAttemptEntity> builder)
    {
        builder.ToTable("WebhookAttempts");
        builder.Property(a => a.EventKey).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Url).HasMaxLength(2048).IsRequired();
        builder.Property(a => a.RequestHeaders).HasMaxLength(4096).IsRequired();
        builder.Property(a => a.ErrorKind).HasMaxLength(32);
        builder.Property(a => a.Error).HasMaxLength(1024);
        builder.Property(a => a.ResponseBody).HasMaxLength(16384);
        // A hook's history newest first, and a delivery's attempts in order.
        builder.HasIndex(a => new { a.WebhookId, a.Id });
        builder.HasIndex(a => new { a.DeliveryId, a.Number });
        builder.HasOne<WebhookDeliveryEntity>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
