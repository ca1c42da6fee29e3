using GitHost.Server.Builds;
using GitHost.Services.Insights.RequiredReports;

namespace GitHost.Server.Insights.RequiredReports;

/// <summary>A required Code Insights report (GitHost's own shape, after <c>RestRequiredBuildCondition</c>).</summary>
internal sealed record RestRequiredReport(long Id, string ReportKey, bool MustPass, RestRefMatcher RefMatcher)
{
    public static RestRequiredReport From(RequiredReportCondition condition) =>
        new(condition.Id, condition.ReportKey, condition.MustPass, RestRefMatcher.From(condition.RefMatcher));
}

/// <summary><c>{reportKey, mustPass?, refMatcher?}</c>: without a matcher the report is required into every branch.</summary>
internal sealed record RequiredReportRequest(string? ReportKey, bool? MustPass, RestRefMatcherRequest? RefMatcher)
{
    public RequiredReportConditionInput ToInput() => new(ReportKey, MustPass, RefMatcher?.ToInput());
}
