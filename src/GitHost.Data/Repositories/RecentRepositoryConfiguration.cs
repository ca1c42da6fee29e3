using GitHost.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Repositories;

internal sealed class RecentRepositoryConfiguration : IEntityTypeConfiguration<RecentRepositoryEntity>
{
    public void Configure(EntityTypeBuilder<RecentRepositoryEntity> builder)
    {
        builder.ToTable("RecentRepositories");
        builder.HasKey(r => new { r.UserId, r.RepositoryId });
        builder.HasIndex(r => new { r.UserId, r.ViewedDate });
        builder.HasIndex(r => r.RepositoryId);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(r => r.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
