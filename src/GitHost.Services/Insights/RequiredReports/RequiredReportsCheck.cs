using GitHost.Core.Insights;
using GitHost.Data;
using GitHost.Services.Builds.Conditions;
using GitHost.Services.PullRequests;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Insights.RequiredReports;

/// <summary>Vetoes a pull request until each required report exists on its source head (and passes, if it must).</summary>
public sealed class RequiredReportsCheck(GitHostDbContext db) : IMergeCheck
{
    public async Task<IReadOnlyList<MergeVeto>> CheckAsync(PullRequestView pullRequest, CancellationToken cancellationToken)
    {
        var pr = pullRequest.PullRequest;
        var model = await ConditionRefs.ModelAsync(db, pullRequest.Target.Repository, cancellationToken);
        var required = (await RequiredReportConditions.ForRepositoryAsync(db, pr.RepositoryId, cancellationToken))
            .Where(c => c.RefMatcher.Matches(pr.ToRef, model))
            .GroupBy(c => c.ReportKey, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, MustPass: g.Any(c => c.MustPass)))
            .ToList();
        if (required.Count == 0)
        {
            return [];
        }

        var keys = required.Select(r => r.Key).ToList();
        var reports = await db.InsightReports.AsNoTracking()
            .Where(r => r.CommitId == pr.FromCommit && (r.RepositoryId == pr.RepositoryId || r.RepositoryId == pr.FromRepositoryId) && keys.Contains(r.Key))
            .Select(r => new { r.Key, r.Result })
            .ToListAsync(cancellationToken);
        var vetoes = new List<MergeVeto>();
        foreach (var (key, mustPass) in required)
        {
            var found = reports.Where(r => r.Key == key).ToList();
            var problem = found.Count == 0 ? "has not been posted yet"
                : mustPass && found.Any(r => r.Result == InsightResult.Fail) ? "failed"
                : mustPass && found.Any(r => r.Result is null) ? "has no result yet"
                : null;
            if (problem is not null)
            {
                vetoes.Add(new MergeVeto(
                    $"Code Insights report '{key}' {(mustPass ? "must pass" : "is required")}",
                    $"The report '{key}' on the source branch's latest commit {problem}; it must {(mustPass ? "pass" : "exist")} before this pull request can be merged."));
            }
        }

        return vetoes;
    }
}
