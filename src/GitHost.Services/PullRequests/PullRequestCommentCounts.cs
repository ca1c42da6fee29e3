using GitHost.Core.PullRequests;
using GitHost.Data;
using GitHost.Data.PullRequests;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>What <c>properties</c> counts for a pull request: comments, open and resolved tasks (pending drafts never count).</summary>
public readonly record struct PullRequestCommentCounts(int Comments, int OpenTasks, int ResolvedTasks)
{
    /// <summary>The counts of many pull requests in one grouped statement; pull requests without comments are absent.</summary>
    public static async Task<Dictionary<long, PullRequestCommentCounts>> ReadAsync(GitHostDbContext db, List<long> ids, CancellationToken cancellationToken)
    {
        var rows = await db.Comments.AsNoTracking()
            .Where(c => c.PullRequestId != null && ids.Contains(c.PullRequestId.Value) && c.State != CommentState.Pending)
            .GroupBy(c => new { c.PullRequestId, c.Severity, c.State })
            .Select(g => new { g.Key.PullRequestId, g.Key.Severity, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.PullRequestId!.Value).ToDictionary(
            g => g.Key,
            g => new PullRequestCommentCounts(
                g.Where(r => r.Severity == CommentSeverity.Normal).Sum(r => r.Count),
                g.Where(r => r.Severity == CommentSeverity.Blocker && r.State == CommentState.Open).Sum(r => r.Count),
                g.Where(r => r.Severity == CommentSeverity.Blocker && r.State == CommentState.Resolved).Sum(r => r.Count)));
    }
}

/// <summary>A pull request row with its comment counts, as a list page reads them.</summary>
public sealed record CountedPullRequest(PullRequestEntity PullRequest, PullRequestCommentCounts Counts);
