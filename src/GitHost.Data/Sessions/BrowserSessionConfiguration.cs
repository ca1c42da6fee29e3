using GitHost.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Sessions;

internal sealed class BrowserSessionConfiguration : IEntityTypeConfiguration<BrowserSessionEntity>
{
    public void Configure(EntityTypeBuilder<BrowserSessionEntity> builder)
    {
        builder.ToTable("BrowserSessions");
        builder.HasKey(s => s.IdHash);
        builder.Property(s => s.IdHash).HasMaxLength(64);
        builder.HasIndex(s => s.UserId);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
