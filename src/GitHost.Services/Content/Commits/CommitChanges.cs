using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Git.Commands;
using GitHost.Git.Reading;
using GitHost.Git.Storage;
using GitHost.Services.Repositories;

namespace GitHost.Services.Content.Commits;

/// <summary>
/// <c>GET .../commits/{commitId}/changes</c>: what a commit changed against <c>since</c> or its first
/// parent (the empty tree for a root commit), renames detected. git's <c>diff-tree</c> reports
/// similarity scores (Bitbucket's <c>percentUnchanged</c>), which LibGit2Sharp does not expose.
/// Changes are capped at <see cref="MaxChanges"/>, like Bitbucket's <c>page.max.changes</c>.
/// </summary>
public sealed class CommitChanges(
    RepositoryLookup lookup, GitRepositoryOpener opener, CommitHistory history, BareRepositoryStore store, GitCommandRunner git)
{
    public const int MaxChanges = 5000;

    private const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    public async Task<ChangePage> ListAsync(
        Principal principal, string projectKey, string slug, string commitId, string? since, PageRequest page, CancellationToken cancellationToken)
    {
        var found = await lookup.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        string toHash;
        string? fromHash;
        using (var repo = opener.Open(found.Repository.Id))
        {
            var commit = history.ResolveId(repo, commitId);
            toHash = commit.Sha;
            fromHash = string.IsNullOrEmpty(since) ? commit.Parents.FirstOrDefault()?.Sha : CommitResolver.Resolve(repo, since, "since").Sha;
        }

        // Both values are resolved 40-hex ids (or the empty tree's), never user text.
        var result = (await git.Command("diff-tree", "-r", "-z", "-M", "--no-commit-id", "--raw")
            .GitDir(store.PathOf(found.Repository.Id))
            .Value(fromHash ?? EmptyTree)
            .Value(toHash)
            .RunAsync(cancellationToken)).EnsureSuccess();
        var changes = DiffTreeParser.Parse(result.StandardOutput).Take(MaxChanges);
        return new ChangePage(Page<ChangeView>.From(changes, page), fromHash, toHash);
    }
}
