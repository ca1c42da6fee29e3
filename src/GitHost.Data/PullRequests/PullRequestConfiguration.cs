using GitHost.Data.Repositories;
using GitHost.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.PullRequests;

internal sealed class PullRequestConfiguration : IEntityTypeConfiguration<PullRequestEntity>
{
    public const int MaxRefLength = 1024;

    public void Configure(EntityTypeBuilder<PullRequestEntity> builder)
    {
        builder.ToTable("PullRequests");
        builder.HasIndex(p => new { p.RepositoryId, p.Number }).IsUnique();
        // Lists page newest first (by id) within a repository, with or without a state: these walk the
        // index in order instead of sorting every pull request of the repository for each page.
        builder.HasIndex(p => new { p.RepositoryId, p.State, p.Id });
        builder.HasIndex(p => new { p.RepositoryId, p.Id });
        builder.HasIndex(p => new { p.FromRepositoryId, p.FromRef, p.State });
        builder.HasIndex(p => new { p.AuthorId, p.State });
        // Auto-decline reads only the open pull requests not updated since a cutoff, server-wide.
        builder.HasIndex(p => new { p.State, p.UpdatedDate });
        builder.Property(p => p.Title).HasMaxLength(255).IsRequired();
        builder.Property(p => p.FromRef).HasMaxLength(MaxRefLength).IsRequired();
        builder.Property(p => p.ToRef).HasMaxLength(MaxRefLength).IsRequired();
        builder.Property(p => p.FromCommit).HasMaxLength(64).IsRequired();
        builder.Property(p => p.ToCommit).HasMaxLength(64).IsRequired();
        builder.Property(p => p.MergeCommit).HasMaxLength(64);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(p => p.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PullRequestParticipantConfiguration : IEntityTypeConfiguration<PullRequestParticipantEntity>
{
    public void Configure(EntityTypeBuilder<PullRequestParticipantEntity> builder)
    {
        builder.ToTable("PullRequestParticipants");
        builder.HasKey(p => new { p.PullRequestId, p.UserId });
        builder.HasIndex(p => new { p.UserId, p.Role, p.Status });
        builder.Property(p => p.LastReviewedCommit).HasMaxLength(64);
        builder.HasOne<PullRequestEntity>().WithMany().HasForeignKey(p => p.PullRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PullRequestWatcherConfiguration : IEntityTypeConfiguration<PullRequestWatcherEntity>
{
    public void Configure(EntityTypeBuilder<PullRequestWatcherEntity> builder)
    {
        builder.ToTable("PullRequestWatchers");
        builder.HasKey(w => new { w.PullRequestId, w.UserId });
        builder.HasIndex(w => w.UserId);
        builder.HasOne<PullRequestEntity>().WithMany().HasForeignKey(w => w.PullRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PullRequestActivityConfiguration : IEntityTypeConfiguration<PullRequestActivityEntity>
{
    public void Configure(EntityTypeBuilder<PullRequestActivityEntity> builder)
    {
        builder.ToTable("PullRequestActivities");
        builder.HasIndex(a => new { a.PullRequestId, a.Id });
        builder.HasIndex(a => a.CommentId);
        builder.HasOne<PullRequestEntity>().WithMany().HasForeignKey(a => a.PullRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AutoMergeRequestConfiguration : IEntityTypeConfiguration<AutoMergeRequestEntity>
{
    public void Configure(EntityTypeBuilder<AutoMergeRequestEntity> builder)
    {
        builder.ToTable("AutoMergeRequests");
        builder.HasKey(a => a.PullRequestId);
        builder.Property(a => a.FromCommit).HasMaxLength(64).IsRequired();
        builder.Property(a => a.StrategyId).HasMaxLength(32);
        builder.HasOne<PullRequestEntity>().WithMany().HasForeignKey(a => a.PullRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
