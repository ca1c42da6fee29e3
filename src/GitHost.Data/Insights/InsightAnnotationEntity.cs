using GitHost.Core.Insights;

namespace GitHost.Data.Insights;

/// <summary>One finding of a report, optionally on a file and line.</summary>
public sealed class InsightAnnotationEntity
{
    public long Id { get; set; }

    public long ReportId { get; set; }

    public string? ExternalId { get; set; }

    public string? Path { get; set; }

    public int? Line { get; set; }

    public string Message { get; set; } = "";

    public AnnotationSeverity Severity { get; set; }

    public AnnotationType? Type { get; set; }

    public string? Link { get; set; }

    public long CreatedDate { get; set; }
}
