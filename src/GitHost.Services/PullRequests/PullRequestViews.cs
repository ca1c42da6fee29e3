using GitHost.Core.PullRequests;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Permissions;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// Builds <see cref="PullRequestView"/>s for one or many pull requests with a fixed number of
/// queries (participants, users, repositories, comment counts), whatever the page size.
/// </summary>
public sealed class PullRequestViews(GitHostDbContext db)
{
    public async Task<PullRequestView> LoadAsync(PullRequestEntity pullRequest, CancellationToken cancellationToken) =>
        (await LoadAsync([pullRequest], cancellationToken))[0];

    public async Task<IReadOnlyList<PullRequestView>> LoadAsync(IReadOnlyList<PullRequestEntity> pullRequests, CancellationToken cancellationToken)
    {
        if (pullRequests.Count == 0)
        {
            return [];
        }

        var ids = pullRequests.Select(p => p.Id).ToList();
        var participants = await (from p in db.PullRequestParticipants.AsNoTracking()
                                  join u in db.Users.AsNoTracking() on p.UserId equals u.Id
                                  where ids.Contains(p.PullRequestId)
                                  select new ParticipantView(p, u)).ToListAsync(cancellationToken);
        var authorIds = pullRequests.Select(p => p.AuthorId).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var repositories = await RepositoriesAsync(pullRequests, cancellationToken);
        var counts = await CountsAsync(ids, cancellationToken);
        return pullRequests.Select(pr =>
        {
            var mine = participants.Where(p => p.Participant.PullRequestId == pr.Id).ToList();
            counts.TryGetValue(pr.Id, out var count);
            return new PullRequestView
            {
                PullRequest = pr,
                Target = repositories[pr.RepositoryId],
                Source = repositories[pr.FromRepositoryId],
                Author = authors.GetValueOrDefault(pr.AuthorId),
                AuthorParticipant = mine.FirstOrDefault(p => p.Participant.Role == ParticipantRole.Author),
                Participants = mine.Where(p => p.Participant.Role != ParticipantRole.Author)
                    .OrderBy(p => p.Participant.Role).ThenBy(p => p.User.Slug, StringComparer.Ordinal).ToList(),
                CommentCount = count.Comments,
                OpenTaskCount = count.OpenTasks,
                ResolvedTaskCount = count.ResolvedTasks,
            };
        }).ToList();
    }

    private async Task<Dictionary<long, RepositoryDetails>> RepositoriesAsync(IReadOnlyList<PullRequestEntity> pullRequests, CancellationToken cancellationToken)
    {
        var repositoryIds = pullRequests.SelectMany(p => new[] { p.RepositoryId, p.FromRepositoryId }).Distinct().ToList();
        var rows = await (from r in db.Repositories.AsNoTracking()
                          join p in db.Projects.AsNoTracking() on r.ProjectId equals p.Id
                          where repositoryIds.Contains(r.Id)
                          select new RepositoryWithProject { Repository = r, Project = p }).ToListAsync(cancellationToken);
        return (await RepositoryQueries.AddDetailsAsync(db, rows, cancellationToken)).ToDictionary(d => d.Repository.Id);
    }

    private async Task<Dictionary<long, (int Comments, int OpenTasks, int ResolvedTasks)>> CountsAsync(List<long> ids, CancellationToken cancellationToken)
    {
        var rows = await db.Comments.AsNoTracking()
            .Where(c => c.PullRequestId != null && ids.Contains(c.PullRequestId.Value) && c.State != CommentState.Pending)
            .GroupBy(c => new { c.PullRequestId, c.Severity, c.State })
            .Select(g => new { g.Key.PullRequestId, g.Key.Severity, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.PullRequestId!.Value).ToDictionary(
            g => g.Key,
            g => (
                g.Where(r => r.Severity == CommentSeverity.Normal).Sum(r => r.Count),
                g.Where(r => r.Severity == CommentSeverity.Blocker && r.State == CommentState.Open).Sum(r => r.Count),
                g.Where(r => r.Severity == CommentSeverity.Blocker && r.State == CommentState.Resolved).Sum(r => r.Count)));
    }
}
