using GitHost.Data.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Builds;

internal sealed class BuildStatusConfiguration : IEntityTypeConfiguration<BuildStatusEntity>
{
    public void Configure(EntityTypeBuilder<BuildStatusEntity> builder)
    {
        builder.ToTable("BuildStatuses");
        builder.Property(b => b.CommitId).HasMaxLength(64).IsRequired();
        builder.Property(b => b.Key).HasMaxLength(255).IsRequired();
        builder.Property(b => b.Url).HasMaxLength(450).IsRequired();
        builder.Property(b => b.Name).HasMaxLength(255);
        builder.Property(b => b.Description).HasMaxLength(2048);
        builder.Property(b => b.BuildNumber).HasMaxLength(255);
        builder.Property(b => b.Parent).HasMaxLength(255);
        builder.Property(b => b.Ref).HasMaxLength(1024);
        // Unique per repository. Providers disagree on whether NULLs collide in a unique index, so
        // legacy statuses (no repository) get their own filtered one: two first posts of a key race
        // on it and the loser updates the winner's row. The quoted name is valid on all three providers.
        builder.HasIndex(b => new { b.CommitId, b.Key, b.RepositoryId }).IsUnique();
        builder.HasIndex(b => new { b.CommitId, b.Key }).IsUnique().HasFilter("\"RepositoryId\" IS NULL").HasDatabaseName("IX_BuildStatuses_Legacy_CommitId_Key");
        builder.HasIndex(b => new { b.RepositoryId, b.CommitId });
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(b => b.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
