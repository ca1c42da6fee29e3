using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Users;

internal sealed class UserConfiguration : IEntityTypeConfiguration<UserEntity>
{
    public void Configure(EntityTypeBuilder<UserEntity> builder)
    {
        builder.Property(u => u.Slug).HasMaxLength(256).IsRequired();
        builder.HasIndex(u => u.Slug).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(256).IsRequired();
    }
}
