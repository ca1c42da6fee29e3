using GitHost.Data.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GitHost.Data.Insights;

internal sealed class InsightReportConfiguration : IEntityTypeConfiguration<InsightReportEntity>
{
    public void Configure(EntityTypeBuilder<InsightReportEntity> builder)
    {
        builder.ToTable("InsightReports");
        builder.Property(r => r.CommitId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Key).HasMaxLength(255).IsRequired();
        builder.Property(r => r.Title).HasMaxLength(450).IsRequired();
        builder.Property(r => r.Details).HasMaxLength(2000);
        builder.Property(r => r.Reporter).HasMaxLength(450);
        builder.Property(r => r.Link).HasMaxLength(2048);
        builder.Property(r => r.LogoUrl).HasMaxLength(2048);
        builder.HasIndex(r => new { r.RepositoryId, r.CommitId, r.Key }).IsUnique();
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(r => r.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InsightAnnotationConfiguration : IEntityTypeConfiguration<InsightAnnotationEntity>
{
    public void Configure(EntityTypeBuilder<InsightAnnotationEntity> builder)
    {
        builder.ToTable("InsightAnnotations");
        builder.Property(a => a.ExternalId).HasMaxLength(450);
        builder.Property(a => a.Path).HasMaxLength(1024);
        builder.Property(a => a.Message).HasMaxLength(2000).IsRequired();
        builder.Property(a => a.Link).HasMaxLength(2048);
        builder.HasIndex(a => new { a.ReportId, a.ExternalId });
        builder.HasOne<InsightReportEntity>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
