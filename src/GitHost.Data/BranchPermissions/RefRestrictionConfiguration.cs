using GitHost.Data.PullRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.BranchPermissions;

internal sealed class RefRestrictionConfiguration : IEntityTypeConfiguration<RefRestrictionEntity>
{
    public const int MaxGroupNameLength = 255;

    public void Configure(EntityTypeBuilder<RefRestrictionEntity> builder)
    {
        builder.ToTable("RefRestrictions");
        builder.Property(r => r.MatcherId).HasMaxLength(PullRequestConfiguration.MaxRefLength).IsRequired();
        // Every push loads a repository's and its project's restrictions by scope.
        builder.HasIndex(r => new { r.ScopeType, r.ScopeId });
        builder.HasMany(r => r.Exemptions).WithOne().HasForeignKey(e => e.RestrictionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RefRestrictionExemptionConfiguration : IEntityTypeConfiguration<RefRestrictionExemptionEntity>
{
    public void Configure(EntityTypeBuilder<RefRestrictionExemptionEntity> builder)
    {
        builder.ToTable("RefRestrictionExemptions");
        builder.Property(e => e.GroupName).HasMaxLength(RefRestrictionConfiguration.MaxGroupNameLength);
        builder.HasIndex(e => e.RestrictionId);
    }
}
