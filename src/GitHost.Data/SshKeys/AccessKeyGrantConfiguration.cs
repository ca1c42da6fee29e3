using GitHost.Data.Projects;
using GitHost.Data.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.SshKeys;

internal sealed class AccessKeyGrantConfiguration : IEntityTypeConfiguration<AccessKeyGrantEntity>
{
    public void Configure(EntityTypeBuilder<AccessKeyGrantEntity> builder)
    {
        builder.ToTable("AccessKeyGrants");
        // One grant per key and project or repository, so two racing adds cannot both insert one.
        // NULLs never collide in a unique index (SQL Server: EF filters them out), so a project
        // grant (RepositoryId null) and a repository grant (ProjectId null) each meet only their kind.
        builder.HasIndex(g => new { g.KeyId, g.ProjectId }).IsUnique();
        builder.HasIndex(g => new { g.KeyId, g.RepositoryId }).IsUnique();
        builder.HasIndex(g => g.ProjectId);
        builder.HasIndex(g => g.RepositoryId);
        builder.HasOne<SshKeyEntity>().WithMany().HasForeignKey(g => g.KeyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProjectEntity>().WithMany().HasForeignKey(g => g.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(g => g.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
