using GitHost.Data.Projects;
using GitHost.Data.Repositories;
using GitHost.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.ReviewerGroups;

internal sealed class ReviewerGroupConfiguration : IEntityTypeConfiguration<ReviewerGroupEntity>
{
    public void Configure(EntityTypeBuilder<ReviewerGroupEntity> builder)
    {
        builder.ToTable("ReviewerGroups");
        builder.Property(g => g.Name).HasMaxLength(ReviewerGroupEntity.MaxNameLength).IsRequired();
        builder.Property(g => g.Description).HasMaxLength(ReviewerGroupEntity.MaxDescriptionLength);
        builder.HasIndex(g => new { g.ScopeType, g.ScopeId, g.Name }).IsUnique();
        // Repositories do not cascade from projects (Restrict), so these are the only cascade paths.
        builder.HasOne<ProjectEntity>().WithMany().HasForeignKey(g => g.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(g => g.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(g => g.Users).WithOne().HasForeignKey(u => u.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewerGroupUserConfiguration : IEntityTypeConfiguration<ReviewerGroupUserEntity>
{
    public void Configure(EntityTypeBuilder<ReviewerGroupUserEntity> builder)
    {
        builder.ToTable("ReviewerGroupUsers");
        builder.HasKey(u => new { u.GroupId, u.UserId });
        builder.HasIndex(u => u.UserId);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
