using GitHost.Services.Insights;

namespace GitHost.Server.Insights;

/// <summary>Bitbucket's <c>RestInsightAnnotation</c>.</summary>
internal sealed record RestInsightAnnotation(
    string ReportKey, string? ExternalId, string? Path, int Line, string Message, string Severity, string? Type, string? Link)
{
    public static RestInsightAnnotation From(InsightAnnotation annotation)
    {
        var a = annotation.Annotation;
        return new(
            annotation.ReportKey, a.ExternalId, a.Path, a.Line ?? 0, a.Message, InsightValidation.ToWire(a.Severity),
            a.Type is { } type ? InsightValidation.ToWire(type) : null, a.Link);
    }
}

/// <summary>Bitbucket's <c>RestInsightAnnotationsResponse</c>: not a page, every annotation at once (a report has at most 1000).</summary>
internal sealed record RestInsightAnnotations(IReadOnlyList<RestInsightAnnotation> Annotations, int TotalCount)
{
    public static RestInsightAnnotations From(IReadOnlyList<InsightAnnotation> annotations) =>
        new(annotations.Select(RestInsightAnnotation.From).ToList(), annotations.Count);
}

/// <summary>Bitbucket's <c>RestBulkAddInsightAnnotationRequest</c>.</summary>
internal sealed record InsightAnnotationsRequest(IReadOnlyList<InsightAnnotationInput?>? Annotations);
