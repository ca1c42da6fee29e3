using GitHost.Core.Insights;

namespace GitHost.Data.Insights;

/// <summary>A Code Insights report on a commit (SonarQube, Snyk...); <see cref="Data"/> is its JSON data array.</summary>
public sealed class InsightReportEntity
{
    public long Id { get; set; }

    public long RepositoryId { get; set; }

    public string CommitId { get; set; } = "";

    public string Key { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Details { get; set; }

    public InsightResult? Result { get; set; }

    public string? Data { get; set; }

    public string? Reporter { get; set; }

    public string? Link { get; set; }

    public string? LogoUrl { get; set; }

    /// <summary>Only the user who created a report may replace it.</summary>
    public long? CreatorId { get; set; }

    public long CreatedDate { get; set; }

    public long UpdatedDate { get; set; }
}
