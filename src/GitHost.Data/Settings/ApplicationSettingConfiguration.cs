using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Settings;

internal sealed class ApplicationSettingConfiguration : IEntityTypeConfiguration<ApplicationSettingEntity>
{
    public void Configure(EntityTypeBuilder<ApplicationSettingEntity> builder)
    {
        builder.ToTable("ApplicationSettings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(128);
        builder.Property(s => s.Value).HasMaxLength(4000).IsRequired();
    }
}
