using GitHost.Data.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Repositories;

internal sealed class RepositoryConfiguration : IEntityTypeConfiguration<RepositoryEntity>
{
    public void Configure(EntityTypeBuilder<RepositoryEntity> builder)
    {
        builder.ToTable("Repositories");
        builder.Property(r => r.Slug).HasMaxLength(128).IsRequired();
        builder.HasIndex(r => new { r.ProjectId, r.Slug }).IsUnique();
        builder.Property(r => r.Name).HasMaxLength(128).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(2048);
        builder.Property(r => r.DefaultBranch).HasMaxLength(255).IsRequired();
        builder.Property(r => r.HierarchyId).HasMaxLength(20).IsRequired();
        builder.HasIndex(r => r.HierarchyId);
        builder.HasIndex(r => r.Slug);
        builder.HasOne<ProjectEntity>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(r => r.OriginId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}
