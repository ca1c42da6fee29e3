using GitHost.Data.Insights;

namespace GitHost.Services.Insights;

/// <summary>An annotation with the key of the report it belongs to.</summary>
public sealed record InsightAnnotation(string ReportKey, InsightAnnotationEntity Annotation);

/// <summary>The filters of <c>GET .../commits/{sha}/annotations</c>; each lists the values any of which may match.</summary>
public sealed record AnnotationFilter(
    IReadOnlyList<string> ReportKeys, IReadOnlyList<string> ExternalIds, IReadOnlyList<string> Paths, IReadOnlyList<string> Severities, IReadOnlyList<string> Types)
{
    public static AnnotationFilter None { get; } = new([], [], [], [], []);
}
