using System.Linq.Expressions;
using GitHost.Core.PullRequests;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Data.Users;
using GitHost.Services.Permissions;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// Builds <see cref="PullRequestView"/>s for one or many pull requests with a fixed number of
/// queries whatever the page size: participants with their users (authors included), comment
/// counts unless the caller read them with the page, and repositories other than the one listed.
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

        var counts = await PullRequestCommentCounts.ReadAsync(db, pullRequests.Select(p => p.Id).ToList(), cancellationToken);
        var rows = pullRequests.Select(p => new CountedPullRequest(p, counts.GetValueOrDefault(p.Id))).ToList();
        return await LoadAsync(rows, listed: null, cancellationToken);
    }

    /// <summary>
    /// Views of rows that already carry their counts. <paramref name="listed"/> is the repository the
    /// caller has loaded: pull requests within it (the usual page) need no repository read.
    /// </summary>
    public async Task<IReadOnlyList<PullRequestView>> LoadAsync(
        IReadOnlyList<CountedPullRequest> rows, RepositoryWithProject? listed, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var pullRequests = rows.Select(r => r.PullRequest).ToList();
        var participants = (await ParticipantsAsync(pullRequests, cancellationToken)).ToLookup(p => p.Participant.PullRequestId);
        var authors = await AuthorsAsync(pullRequests, participants, cancellationToken);
        var repositories = await RepositoriesAsync(pullRequests, listed, cancellationToken);
        return rows.Select(row =>
        {
            var pr = row.PullRequest;
            var mine = participants[pr.Id].ToList();
            return new PullRequestView
            {
                PullRequest = pr,
                Target = repositories[pr.RepositoryId],
                Source = repositories[pr.FromRepositoryId],
                Author = authors.GetValueOrDefault(pr.AuthorId),
                AuthorParticipant = mine.FirstOrDefault(p => p.Participant.Role == ParticipantRole.Author),
                Participants = mine.Where(p => p.Participant.Role != ParticipantRole.Author)
                    .OrderBy(p => p.Participant.Role).ThenBy(p => p.User.Slug, StringComparer.Ordinal).ToList(),
                CommentCount = row.Counts.Comments,
                OpenTaskCount = row.Counts.OpenTasks,
                ResolvedTaskCount = row.Counts.ResolvedTasks,
            };
        }).ToList();
    }

    private async Task<List<ParticipantView>> ParticipantsAsync(List<PullRequestEntity> pullRequests, CancellationToken cancellationToken)
    {
        var ids = pullRequests.Select(p => p.Id).ToList();
        return await (from p in db.PullRequestParticipants.AsNoTracking()
                      join u in db.Users.AsNoTracking().Select(PublicUser) on p.UserId equals u.Id
                      where ids.Contains(p.PullRequestId)
                      select new ParticipantView(p, u)).ToListAsync(cancellationToken);
    }

    /// <summary>Authors are participants too; only one without a participant row (never in practice) costs a read.</summary>
    private async Task<Dictionary<long, UserEntity>> AuthorsAsync(
        List<PullRequestEntity> pullRequests, ILookup<long, ParticipantView> participants, CancellationToken cancellationToken)
    {
        var authors = new Dictionary<long, UserEntity>();
        foreach (var participant in pullRequests.SelectMany(p => participants[p.Id]).Where(p => p.Participant.Role == ParticipantRole.Author))
        {
            authors[participant.User.Id] = participant.User;
        }

        var missing = pullRequests.Select(p => p.AuthorId).Where(id => !authors.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var user in await db.Users.AsNoTracking().Where(u => missing.Contains(u.Id)).Select(PublicUser).ToListAsync(cancellationToken))
            {
                authors[user.Id] = user;
            }
        }

        return authors;
    }

    private async Task<Dictionary<long, RepositoryDetails>> RepositoriesAsync(
        List<PullRequestEntity> pullRequests, RepositoryWithProject? listed, CancellationToken cancellationToken)
    {
        var repositoryIds = pullRequests.SelectMany(p => new[] { p.RepositoryId, p.FromRepositoryId })
            .Where(id => id != listed?.Repository.Id).Distinct().ToList();
        var rows = repositoryIds.Count == 0
            ? []
            : await (from r in db.Repositories.AsNoTracking()
                     join p in db.Projects.AsNoTracking() on r.ProjectId equals p.Id
                     where repositoryIds.Contains(r.Id)
                     select new RepositoryWithProject { Repository = r, Project = p }).ToListAsync(cancellationToken);
        if (listed is not null)
        {
            rows.Add(listed);
        }

        return (await RepositoryQueries.AddDetailsAsync(db, rows, cancellationToken)).ToDictionary(d => d.Repository.Id);
    }

    /// <summary>Only what a RestUser shows: never a password hash or security stamp.</summary>
    private static readonly Expression<Func<UserEntity, UserEntity>> PublicUser = u => new UserEntity
    {
        Id = u.Id, UserName = u.UserName, Slug = u.Slug, Email = u.Email,
        DisplayName = u.DisplayName, Active = u.Active, Type = u.Type,
    };
}
