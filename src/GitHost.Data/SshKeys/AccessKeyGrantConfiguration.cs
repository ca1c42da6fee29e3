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
        builder.HasIndex(g => g.KeyId);
        builder.HasIndex(g => g.ProjectId);
        builder.HasIndex(g => g.RepositoryId);
        builder.HasOne<SshKeyEntity>().WithMany().HasForeignKey(g => g.KeyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProjectEntity>().WithMany().HasForeignKey(g => g.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(g => g.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
