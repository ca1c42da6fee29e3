using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Git.Reading;
using GitHost.Services.Content;
using GitHost.Services.Repositories;
using LibGit2Sharp;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// <c>GET .../commits/{commitId}/pull-requests</c>: the pull requests into this repository that contain
/// a commit, i.e. the commit is reachable from the pull request's source head and not from its
/// target head (as they were last scoped). The newest <see cref="MaxCandidates"/> pull requests are
/// examined, in-process with libgit2, so a long history costs no git process per pull request.
/// </summary>
public sealed class CommitPullRequests(GitHostDbContext db, RepositoryLookup repositories, GitRepositoryOpener opener, PullRequestViews views)
{
    public const int MaxCandidates = 1000;

    public async Task<Page<PullRequestView>> ListAsync(
        Principal principal, string projectKey, string slug, string commitId, PageRequest page, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var id = repository.Repository.Id;
        var candidates = await db.PullRequests.AsNoTracking().Where(p => p.RepositoryId == id)
            .OrderByDescending(p => p.Id).Take(MaxCandidates).ToListAsync(cancellationToken);
        var containing = new List<Data.PullRequests.PullRequestEntity>();
        using (var repo = opener.Open(id))
        {
            var commit = CommitResolver.ResolveId(repo, commitId);
            foreach (var pullRequest in candidates)
            {
                if (Contains(repo, pullRequest.FromCommit, commit) && !Contains(repo, pullRequest.ToCommit, commit))
                {
                    containing.Add(pullRequest);
                }
            }
        }

        var slice = Page<Data.PullRequests.PullRequestEntity>.From(containing, page);
        return new Page<PullRequestView>(await views.LoadAsync(slice.Values, cancellationToken), page, slice.IsLastPage);
    }

    /// <summary>True when <paramref name="commit"/> is <paramref name="head"/> or one of its ancestors.</summary>
    private static bool Contains(Repository repo, string head, Commit commit)
    {
        if (head == commit.Sha)
        {
            return true;
        }

        var tip = repo.Lookup<Commit>(head);
        return tip is not null && repo.ObjectDatabase.FindMergeBase(tip, commit)?.Sha == commit.Sha;
    }
}
