using GitHost.Data.Users;
using GitHost.Data.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Projects;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<ProjectEntity>
{
    public void Configure(EntityTypeBuilder<ProjectEntity> builder)
    {
        builder.ToTable("Projects");
        builder.Property(p => p.Key).HasMaxLength(257).IsRequired();
        builder.HasIndex(p => p.Key).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(128).IsRequired();
        builder.Property(p => p.NormalizedName).HasMaxLength(128).IsRequired();
        builder.HasIndex(p => p.NormalizedName).IsUnique();
        builder.Property(p => p.Description).HasMaxLength(2048);
        builder.HasOne<WorkspaceEntity>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
