using GitHost.Core.Failures;
using GitHost.Core.Security;
using GitHost.Services.Content.Commits;
using LibGit2Sharp;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Content.Files;

/// <summary>
/// <c>last-modified</c>: for each child of a directory, the newest commit (walking back from
/// <c>at</c>) whose tree differs there from every parent's — <c>git log -1 -- child</c> for each
/// child at once. The walk stops after <see cref="ContentLimits.MaxLastModifiedCommits"/>; children
/// not reached by then are left out rather than costing an unbounded walk.
/// </summary>
public sealed class LastModifiedService(ContentRepositories repositories, IOptions<ContentLimits> options)
{
    public async Task<LastModified> FindAsync(Principal principal, string projectKey, string slug, ContentPath path, string? at, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(at))
        {
            throw GitHostException.Invalid("at is required: name the commit or ref to read.", "at");
        }

        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var start = CommitResolver.Resolve(repository.Git, at, "at");
        var entry = ContentNodes.Find(start, path, at);
        if (ContentNodes.TypeOf(entry) != NodeType.Directory)
        {
            throw GitHostException.Invalid($"\"{path}\" is not a directory.", "path");
        }

        var prefix = path.IsRoot ? "" : path + "/";
        var pending = ((Tree?)entry?.Target ?? start.Tree).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, CommitView>(StringComparer.Ordinal);
        var filter = new CommitFilter { IncludeReachableFrom = start, SortBy = CommitSortStrategies.Time | CommitSortStrategies.Topological };
        var visited = 0;
        foreach (var commit in repository.Git.Commits.QueryBy(filter))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (pending.Count == 0 || visited++ >= options.Value.MaxLastModifiedCommits)
            {
                break;
            }

            foreach (var name in pending.ToList())
            {
                var here = commit[prefix + name]?.Target.Id;
                var parents = commit.Parents.ToList();
                if (parents.Count == 0 ? here is not null : parents.All(p => p[prefix + name]?.Target.Id != here))
                {
                    found[name] = CommitView.From(commit);
                    pending.Remove(name);
                }
            }
        }

        return new LastModified(CommitView.From(start), found);
    }
}

/// <summary>The commit asked for and, per child name, the newest commit that changed it.</summary>
public sealed record LastModified(CommitView LatestCommit, IReadOnlyDictionary<string, CommitView> Files);
