using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Pipelines;

internal sealed class RunnerConfiguration : IEntityTypeConfiguration<RunnerEntity>
{
    public void Configure(EntityTypeBuilder<RunnerEntity> builder)
    {
        builder.ToTable("PipelineRunners");
        builder.Property(r => r.Name).HasMaxLength(255).IsRequired();
        builder.Property(r => r.Labels).HasMaxLength(1024).IsRequired();
        builder.Property(r => r.RegistrationTokenHash).HasMaxLength(64);
        builder.Property(r => r.SecretHash).HasMaxLength(64);
        builder.Property(r => r.Version).HasMaxLength(64);
        builder.Property(r => r.HostName).HasMaxLength(255);
        builder.HasIndex(r => r.Uuid).IsUnique();
        builder.HasIndex(r => new { r.ScopeType, r.ScopeId });
    }
}

internal sealed class PipelineVariableConfiguration : IEntityTypeConfiguration<PipelineVariableEntity>
{
    public void Configure(EntityTypeBuilder<PipelineVariableEntity> builder)
    {
        builder.ToTable("PipelineVariables");
        builder.Property(v => v.Key).HasMaxLength(255).IsRequired();
        builder.Property(v => v.Value).IsRequired();
        builder.HasIndex(v => v.Uuid).IsUnique();
        builder.HasIndex(v => new { v.ScopeType, v.ScopeId, v.Key }).IsUnique();
    }
}
