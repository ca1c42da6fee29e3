using GitHost.Data.PullRequests;
using GitHost.Data.Repositories;
using GitHost.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Comments;

internal sealed class CommentConfiguration : IEntityTypeConfiguration<CommentEntity>
{
    public void Configure(EntityTypeBuilder<CommentEntity> builder)
    {
        builder.ToTable("Comments");
        builder.Property(c => c.Text).IsRequired();
        builder.Property(c => c.CommitId).HasMaxLength(64);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.PullRequestId, c.Id });
        builder.HasIndex(c => new { c.RepositoryId, c.CommitId });
        builder.HasIndex(c => c.ParentId);
        builder.HasIndex(c => c.RootId);
        builder.OwnsOne(c => c.Anchor, anchor =>
        {
            anchor.Property(a => a.Path).HasMaxLength(PullRequestConfiguration.MaxRefLength).HasColumnName("AnchorPath");
            anchor.Property(a => a.SrcPath).HasMaxLength(PullRequestConfiguration.MaxRefLength).HasColumnName("AnchorSrcPath");
            anchor.Property(a => a.Line).HasColumnName("AnchorLine");
            anchor.Property(a => a.LineType).HasMaxLength(16).HasColumnName("AnchorLineType");
            anchor.Property(a => a.FileType).HasMaxLength(16).HasColumnName("AnchorFileType");
            anchor.Property(a => a.DiffType).HasMaxLength(16).HasColumnName("AnchorDiffType");
            anchor.Property(a => a.FromHash).HasMaxLength(64).HasColumnName("AnchorFromHash");
            anchor.Property(a => a.ToHash).HasMaxLength(64).HasColumnName("AnchorToHash");
            anchor.Property(a => a.MultilineStartLine).HasColumnName("AnchorMultilineStartLine");
            anchor.Property(a => a.MultilineStartLineType).HasMaxLength(16).HasColumnName("AnchorMultilineStartLineType");
            anchor.Property(a => a.Orphaned).HasColumnName("AnchorOrphaned");
        });
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(c => c.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        // NO ACTION on both (checked at the end of the statement, so a repository's cascade may delete a
        // thread in any order): SQL Server refuses a second cascade path to the same rows. Deleting a pull
        // request deletes its comments first (PullRequestDeletion).
        builder.HasOne<PullRequestEntity>().WithMany().HasForeignKey(c => c.PullRequestId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<CommentEntity>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class CommentReactionConfiguration : IEntityTypeConfiguration<CommentReactionEntity>
{
    public void Configure(EntityTypeBuilder<CommentReactionEntity> builder)
    {
        builder.ToTable("CommentReactions");
        builder.HasKey(r => new { r.CommentId, r.UserId, r.Emoticon });
        builder.Property(r => r.Emoticon).HasMaxLength(64);
        builder.HasOne<CommentEntity>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
