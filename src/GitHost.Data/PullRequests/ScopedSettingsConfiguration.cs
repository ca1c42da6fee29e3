using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.PullRequests;

internal sealed class ScopedSettingsConfiguration : IEntityTypeConfiguration<ScopedSettingsEntity>
{
    public void Configure(EntityTypeBuilder<ScopedSettingsEntity> builder)
    {
        builder.ToTable("ScopedSettings");
        builder.Property(s => s.Kind).HasMaxLength(64).IsRequired();
        builder.Property(s => s.Json).IsRequired();
        builder.HasIndex(s => new { s.Kind, s.ScopeType, s.ScopeId }).IsUnique();
    }
}

internal sealed class RefMatcherConditionConfiguration : IEntityTypeConfiguration<RefMatcherConditionEntity>
{
    public void Configure(EntityTypeBuilder<RefMatcherConditionEntity> builder)
    {
        builder.ToTable("RefMatcherConditions");
        builder.Property(c => c.Kind).HasMaxLength(64).IsRequired();
        builder.Property(c => c.SourceMatcherId).HasMaxLength(PullRequestConfiguration.MaxRefLength).IsRequired();
        builder.Property(c => c.TargetMatcherId).HasMaxLength(PullRequestConfiguration.MaxRefLength).IsRequired();
        builder.Property(c => c.Details).IsRequired();
        builder.HasIndex(c => new { c.Kind, c.ScopeType, c.ScopeId });
    }
}
