using GitHost.Core.Failures;
using GitHost.Data.Insights;

namespace GitHost.Services.Insights;

/// <summary><c>RestSingleAddInsightAnnotationRequest</c> as sent.</summary>
public sealed record InsightAnnotationInput(string? ExternalId, string? Path, int? Line, string? Message, string? Severity, string? Type, string? Link)
{
    public InsightAnnotationEntity ToEntity(long reportId, long now)
    {
        InsightValidation.Required(Message, InsightValidation.MaxMessage, "message");
        InsightValidation.Optional(ExternalId, InsightValidation.MaxExternalId, "externalId");
        InsightValidation.Optional(Path, InsightValidation.MaxPath, "path");
        InsightValidation.HttpUrl(Link, "link");
        if (Line is < 0)
        {
            throw GitHostException.Invalid("The line must be 0 or more.", "line");
        }

        if (Path is not null && (Path.Any(char.IsControl) || Path.StartsWith('/')))
        {
            throw GitHostException.Invalid("The path is relative to the repository's root and has no control characters.", "path");
        }

        return new InsightAnnotationEntity
        {
            ReportId = reportId,
            ExternalId = string.IsNullOrEmpty(ExternalId) ? null : ExternalId,
            Path = string.IsNullOrEmpty(Path) ? null : Path,
            Line = Line ?? 0,
            Message = Message!,
            Severity = InsightValidation.Severity(Severity),
            Type = InsightValidation.Type(Type),
            Link = Link,
            CreatedDate = now,
        };
    }
}
