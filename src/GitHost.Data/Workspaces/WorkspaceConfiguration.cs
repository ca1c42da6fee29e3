using GitHost.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Workspaces;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<WorkspaceEntity>, IEntityTypeConfiguration<WorkspaceMemberEntity>
{
    public void Configure(EntityTypeBuilder<WorkspaceEntity> builder)
    {
        builder.ToTable("Workspaces");
        builder.Property(w => w.Key).HasMaxLength(64).IsRequired();
        builder.HasIndex(w => w.Key).IsUnique();
        builder.Property(w => w.Name).HasMaxLength(128).IsRequired();
        builder.Property(w => w.Description).HasMaxLength(1024);
    }

    public void Configure(EntityTypeBuilder<WorkspaceMemberEntity> builder)
    {
        builder.ToTable("WorkspaceMembers");
        builder.HasKey(m => new { m.WorkspaceId, m.UserId });
        builder.HasOne<WorkspaceEntity>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
