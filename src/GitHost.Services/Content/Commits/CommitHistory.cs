using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Services.Content.Files;
using LibGit2Sharp;

namespace GitHost.Services.Content.Commits;

/// <summary>
/// Commit history: the paged log (<c>GET .../commits</c>), one commit, and the walk <c>compare/commits</c> pages.
/// Without a path the walk is LibGit2Sharp's lazy revwalk, newest first by commit time, skipped and
/// cut to the page (one extra to know whether more follow), so a page never loads the whole history.
/// With a path it is <see cref="PathHistory"/> (git log).
/// </summary>
public sealed class CommitHistory(ContentRepositories repositories, PathHistory paths)
{
    public async Task<CommitPage> ListAsync(
        Principal principal, string projectKey, string slug, CommitQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        using var opened = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var (found, repo) = (opened.Entity, opened.Git);
        var path = CommitPaths.Parse(query.Path);
        var until = CommitResolver.TryResolve(repo, query.Until, "until");
        // An empty since means "no lower bound", not the default branch.
        var since = string.IsNullOrEmpty(query.Since) ? null : CommitResolver.TryResolve(repo, query.Since, "since");
        if (until is null || (since is null && !string.IsNullOrEmpty(query.Since)))
        {
            if (!query.IgnoreMissing && !string.IsNullOrEmpty(until is null ? query.Until : query.Since))
            {
                throw CommitResolver.NotFound(until is null ? query.Until : query.Since, until is null ? "until" : "since");
            }

            if (until is null)
            {
                // An empty repository (or a missing until with ignoreMissing): no history.
                return new CommitPage(new Page<CommitView>([], page, true), query.WithCounts ? 0 : null, query.WithCounts ? 0 : null);
            }
        }

        if (path is not null)
        {
            var ids = await paths.IdsAsync(found.Repository.Id, until.Sha, since?.Sha, path, query.Merges, query.FollowRenames, page, cancellationToken);
            var views = ids.Take(page.Limit).Select(id => CommitView.From(repo.Lookup<Commit>(id))).ToList();
            var counts = query.WithCounts
                ? await paths.CountAsync(found.Repository.Id, until.Sha, since?.Sha, path, query.Merges, query.FollowRenames, cancellationToken)
                : ((int, int)?)null;
            return new CommitPage(new Page<CommitView>(views, page, ids.Count <= page.Limit), counts?.Item1, counts?.Item2);
        }

        var result = Page<Commit>.From(Walk(repo, until, since, query.Merges), page).Map(CommitView.From);
        if (!query.WithCounts)
        {
            return new CommitPage(result, null, null);
        }

        var total = 0;
        var authors = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var commit in Walk(repo, until, since, query.Merges))
        {
            total++;
            authors.Add(commit.Author.Email);
        }

        return new CommitPage(result, total, authors.Count);
    }

    /// <summary>One commit by (possibly abbreviated) id; refs are not accepted here, as in Bitbucket since 2.11.</summary>
    public async Task<CommitView> GetAsync(
        Principal principal, string projectKey, string slug, string commitId, string? path, CancellationToken cancellationToken)
    {
        using var opened = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var (found, repo) = (opened.Entity, opened.Git);
        var parsedPath = CommitPaths.Parse(path);
        var commit = CommitResolver.ResolveId(repo, commitId);
        if (parsedPath is null)
        {
            return CommitView.From(commit);
        }

        var ids = await paths.IdsAsync(found.Repository.Id, commit.Sha, null, parsedPath, MergeFilter.Include, false, new PageRequest(0, 1), cancellationToken);
        return ids.Count > 0
            ? CommitView.From(repo.Lookup<Commit>(ids[0]))
            : throw new GitHostException(FailureKind.NotFound, $"No commit from '{commitId}' back touches '{parsedPath}'.", "path", ContentExceptionNames.NoSuchCommit);
    }

    /// <summary>Commits reachable from <paramref name="from"/> and not from <paramref name="to"/> in an opened repository; both default to its default branch.</summary>
    public static Page<CommitView> Compare(Repository repo, string? from, string? to, PageRequest page)
    {
        var fromCommit = CommitResolver.Resolve(repo, from, "from");
        var toCommit = CommitResolver.Resolve(repo, to, "to");
        return Page<Commit>.From(Walk(repo, fromCommit, toCommit, MergeFilter.Include), page).Map(CommitView.From);
    }

    /// <summary>The merge base of two commits (ids, or refs as the rest of the content API allows); null when unrelated.</summary>
    public async Task<CommitView?> MergeBaseAsync(
        Principal principal, string projectKey, string slug, string commitId, string? otherCommit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(otherCommit))
        {
            throw GitHostException.Invalid("otherCommitId is required: the commit to find the common ancestor with.", "otherCommitId");
        }

        using var opened = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var repo = opened.Git;
        var one = CommitResolver.ResolveId(repo, commitId);
        var other = CommitResolver.ResolveId(repo, otherCommit, "otherCommitId");
        return repo.ObjectDatabase.FindMergeBase(one, other) is { } mergeBase ? CommitView.From(mergeBase) : null;
    }

    private static IEnumerable<Commit> Walk(Repository repo, Commit include, Commit? exclude, MergeFilter merges)
    {
        var filter = new CommitFilter
        {
            IncludeReachableFrom = include,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Time,
        };
        if (exclude is not null)
        {
            // LibGit2Sharp reads a null exclusion as "hide everything"; leave it unset instead.
            filter.ExcludeReachableFrom = exclude;
        }

        IEnumerable<Commit> walk = repo.Commits.QueryBy(filter);
        return merges switch
        {
            MergeFilter.Exclude => walk.Where(c => c.Parents.Take(2).Count() < 2),
            MergeFilter.Only => walk.Where(c => c.Parents.Take(2).Count() == 2),
            _ => walk,
        };
    }
}
