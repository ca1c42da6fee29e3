using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Core.RefMatching;
using GitHost.Data.PullRequests;
using GitHost.Services.Builds.Conditions;

namespace GitHost.Services.Insights.RequiredReports;

/// <summary>
/// A required Code Insights report (Bitbucket's "Code Insights" merge check, configured there in
/// the UI only): pull requests into a ref <see cref="RefMatcher"/> matches need the report on the
/// source head, and when <see cref="MustPass"/> it must say PASS.
/// </summary>
public sealed record RequiredReportCondition(long Id, string ReportKey, bool MustPass, RefMatcher RefMatcher)
{
    public const string Kind = "required-reports";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RequiredReportCondition From(RefMatcherConditionEntity entity)
    {
        var details = JsonSerializer.Deserialize<Details>(entity.Details, Json) ?? new Details("", true);
        return new RequiredReportCondition(entity.Id, details.ReportKey, details.MustPass, entity.Target());
    }

    public static string DetailsJson(string reportKey, bool mustPass) => JsonSerializer.Serialize(new Details(reportKey, mustPass), Json);

    private sealed record Details(string ReportKey, bool MustPass);
}

/// <summary>A required report condition as a client sent it; <c>mustPass</c> defaults to true.</summary>
public sealed record RequiredReportConditionInput(string? ReportKey, bool? MustPass, RefMatcherInput? RefMatcher)
{
    public (string Key, bool MustPass, RefMatcher Target) Validate()
    {
        if (string.IsNullOrWhiteSpace(ReportKey))
        {
            throw GitHostException.Invalid("Give the reportKey of the report that must exist.", "reportKey");
        }

        InsightValidation.Key(ReportKey.Trim());
        var target = RefMatcher is null ? Core.RefMatching.RefMatcher.AnyRef : RefMatcher.Parse("refMatcher");
        return (ReportKey.Trim(), MustPass ?? true, target);
    }
}
