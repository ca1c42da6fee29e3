using GitHost.Data.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Pipelines;

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<PipelineEntity>
{
    public void Configure(EntityTypeBuilder<PipelineEntity> builder)
    {
        builder.ToTable("Pipelines");
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.RefType).HasMaxLength(16);
        builder.Property(p => p.RefName).HasMaxLength(1024);
        builder.Property(p => p.CommitId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.Selector).HasMaxLength(32).IsRequired();
        builder.Property(p => p.Pattern).HasMaxLength(1024);
        builder.Property(p => p.PullRequestDestinationBranch).HasMaxLength(1024);
        builder.HasIndex(p => p.Uuid).IsUnique();
        builder.HasIndex(p => new { p.RepositoryId, p.BuildNumber }).IsUnique();
        builder.HasIndex(p => p.State);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(p => p.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PipelineStepConfiguration : IEntityTypeConfiguration<PipelineStepEntity>
{
    public void Configure(EntityTypeBuilder<PipelineStepEntity> builder)
    {
        builder.ToTable("PipelineSteps");
        builder.Property(s => s.StageName).HasMaxLength(255);
        builder.Property(s => s.Name).HasMaxLength(255).IsRequired();
        builder.Property(s => s.Definition).IsRequired();
        builder.Property(s => s.RunsOn).HasMaxLength(1024).IsRequired();
        builder.Property(s => s.Deployment).HasMaxLength(255);
        builder.Property(s => s.Reason).HasMaxLength(2048);
        builder.Property(s => s.JobTokenHash).HasMaxLength(64);
        builder.HasIndex(s => s.JobTokenHash).IsUnique().HasFilter("\"JobTokenHash\" IS NOT NULL");
        builder.HasIndex(s => s.Uuid).IsUnique();
        builder.HasIndex(s => new { s.PipelineId, s.Index }).IsUnique();
        // The queue: runners look for ready steps, the lease watch for running ones.
        builder.HasIndex(s => new { s.State, s.ReadyDate });
        builder.HasOne<PipelineEntity>().WithMany(p => p.Steps).HasForeignKey(s => s.PipelineId).OnDelete(DeleteBehavior.Cascade);
    }
}
