using GitHost.Data.Groups;
using GitHost.Data.Projects;
using GitHost.Data.Repositories;
using GitHost.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Permissions;

internal sealed class PermissionGrantConfiguration :
    IEntityTypeConfiguration<GlobalUserPermissionEntity>,
    IEntityTypeConfiguration<GlobalGroupPermissionEntity>,
    IEntityTypeConfiguration<ProjectUserPermissionEntity>,
    IEntityTypeConfiguration<ProjectGroupPermissionEntity>,
    IEntityTypeConfiguration<RepositoryUserPermissionEntity>,
    IEntityTypeConfiguration<RepositoryGroupPermissionEntity>
{
    public void Configure(EntityTypeBuilder<GlobalUserPermissionEntity> builder)
    {
        builder.ToTable("GlobalUserPermissions");
        builder.HasKey(g => g.UserId);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<GlobalGroupPermissionEntity> builder)
    {
        builder.ToTable("GlobalGroupPermissions");
        builder.HasKey(g => g.GroupId);
        builder.HasOne<GroupEntity>().WithMany().HasForeignKey(g => g.GroupId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ProjectUserPermissionEntity> builder)
    {
        builder.ToTable("ProjectUserPermissions");
        builder.HasKey(g => new { g.ProjectId, g.UserId });
        builder.HasIndex(g => g.UserId);
        builder.HasOne<ProjectEntity>().WithMany().HasForeignKey(g => g.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ProjectGroupPermissionEntity> builder)
    {
        builder.ToTable("ProjectGroupPermissions");
        builder.HasKey(g => new { g.ProjectId, g.GroupId });
        builder.HasIndex(g => g.GroupId);
        builder.HasOne<ProjectEntity>().WithMany().HasForeignKey(g => g.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupEntity>().WithMany().HasForeignKey(g => g.GroupId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RepositoryUserPermissionEntity> builder)
    {
        builder.ToTable("RepositoryUserPermissions");
        builder.HasKey(g => new { g.RepositoryId, g.UserId });
        builder.HasIndex(g => g.UserId);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(g => g.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RepositoryGroupPermissionEntity> builder)
    {
        builder.ToTable("RepositoryGroupPermissions");
        builder.HasKey(g => new { g.RepositoryId, g.GroupId });
        builder.HasIndex(g => g.GroupId);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(g => g.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupEntity>().WithMany().HasForeignKey(g => g.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
