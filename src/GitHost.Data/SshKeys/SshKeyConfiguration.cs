using GitHost.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.SshKeys;

internal sealed class SshKeyConfiguration : IEntityTypeConfiguration<SshKeyEntity>
{
    public void Configure(EntityTypeBuilder<SshKeyEntity> builder)
    {
        builder.ToTable("SshKeys");
        builder.Property(k => k.Algorithm).HasMaxLength(64).IsRequired();
        builder.Property(k => k.PublicKey).HasMaxLength(16_384).IsRequired();
        builder.Property(k => k.FingerprintSha256).HasMaxLength(64).IsRequired();
        builder.Property(k => k.Label).HasMaxLength(255).IsRequired();
        builder.HasIndex(k => k.FingerprintSha256).IsUnique();
        builder.HasIndex(k => k.UserId);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
