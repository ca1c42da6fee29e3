using GitHost.Data.Projects;
using GitHost.Data.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.SecretScanning;

internal sealed class SecretScanningRuleConfiguration : IEntityTypeConfiguration<SecretScanningRuleEntity>
{
    public void Configure(EntityTypeBuilder<SecretScanningRuleEntity> builder)
    {
        builder.ToTable("SecretScanningRules");
        builder.Property(r => r.Name).HasMaxLength(SecretScanningRuleEntity.MaxNameLength).IsRequired();
        builder.Property(r => r.LineRegex).HasMaxLength(SecretScanningRuleEntity.MaxRegexLength);
        builder.Property(r => r.PathRegex).HasMaxLength(SecretScanningRuleEntity.MaxRegexLength);
        builder.HasIndex(r => new { r.ScopeType, r.ProjectId, r.RepositoryId });
        // Repositories do not cascade from projects (Restrict), so these are the only cascade paths.
        builder.HasOne<ProjectEntity>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(r => r.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SecretScanningExemptionConfiguration : IEntityTypeConfiguration<SecretScanningExemptionEntity>
{
    public void Configure(EntityTypeBuilder<SecretScanningExemptionEntity> builder)
    {
        builder.ToTable("SecretScanningExemptions");
        builder.HasKey(e => e.RepositoryId);
        builder.Property(e => e.RepositoryId).ValueGeneratedNever();
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(e => e.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
