using System.Text.Json;
using GitHost.Data.Insights;
using GitHost.Services.Insights;

namespace GitHost.Server.Insights;

/// <summary>Bitbucket's <c>RestInsightReport</c>; <see cref="Data"/> is the data array as it was posted.</summary>
internal sealed record RestInsightReport(
    string Key, string Title, string? Details, string? Result, JsonElement Data, string? Reporter, string? Link, string? LogoUrl, long CreatedDate)
{
    public static RestInsightReport From(InsightReportEntity report)
    {
        using var data = JsonDocument.Parse(string.IsNullOrEmpty(report.Data) ? "[]" : report.Data);
        return new(
            report.Key,
            report.Title,
            report.Details,
            report.Result is { } result ? InsightValidation.ToWire(result) : null,
            data.RootElement.Clone(),
            report.Reporter,
            report.Link,
            report.LogoUrl,
            report.CreatedDate);
    }
}

/// <summary>Bitbucket's <c>RestSetInsightReportRequest</c>.</summary>
internal sealed record InsightReportRequest(
    string? Title, string? Details, string? Result, IReadOnlyList<InsightDataInput?>? Data, string? Reporter, string? Link, string? LogoUrl)
{
    public InsightReportInput ToInput() => new(Title, Details, Result, Data, Reporter, Link, LogoUrl);
}
