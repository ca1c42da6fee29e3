using System.Globalization;
using GitHost.Git.Commands;
using GitHost.Git.Reading;
using GitHost.Git.Storage;
using GitHost.Services.Content.Commits;
using LibGit2Sharp;

namespace GitHost.Services.Git;

/// <summary>
/// The <c>commits</c> and <c>toCommit</c> of a <c>repo:refs_changed</c> event, as newer Bitbucket
/// versions send them: the head the first created or updated ref now points at, and up to
/// <see cref="MaxCommits"/> of the newest commits that change brought in (for a new ref, those no other
/// branch already had). Nothing for a push that only deleted refs.
/// </summary>
public sealed class RefsChangedCommits(GitCommandRunner git, BareRepositoryStore store, GitRepositoryOpener opener)
{
    public const int MaxCommits = 5;

    public async Task<(IReadOnlyList<CommitView> Commits, CommitView? ToCommit)> ReadAsync(
        long repositoryId, IReadOnlyList<(string RefName, string OldId, string NewId)> changes, CancellationToken cancellationToken)
    {
        var change = changes.FirstOrDefault(c => !IsZero(c.NewId));
        if (change.RefName is null)
        {
            return ([], null);
        }

        // Both ids come from git itself (hex, checked when the hook input was read), so none can pass for an option.
        var command = git.Command("rev-list", "--max-count=" + MaxCommits.ToString(CultureInfo.InvariantCulture))
            .GitDir(store.PathOf(repositoryId)).Value(change.NewId);
        if (IsZero(change.OldId))
        {
            // "Not on any other branch": the new ref itself is excluded from --branches, whose
            // --exclude patterns match names without refs/heads/ (a full name would exclude nothing).
            var excluded = change.RefName.StartsWith("refs/heads/", StringComparison.Ordinal) ? change.RefName["refs/heads/".Length..] : change.RefName;
            command.Option("--not").Option("--exclude=" + excluded).Option("--branches");
        }
        else
        {
            command.Value("^" + change.OldId);
        }

        var listed = await command.RunAsync(cancellationToken);
        using var repo = opener.Open(repositoryId);
        var ids = listed.ExitCode == 0 ? listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
        var commits = ids.Select(repo.Lookup<Commit>).OfType<Commit>().Select(CommitView.From).ToList();
        var to = repo.Lookup<Commit>(change.NewId) ?? (repo.Lookup(change.NewId) as TagAnnotation)?.Target as Commit;
        return (commits, to is null ? null : CommitView.From(to));
    }

    /// <summary>git's id for "no object" (a ref created or deleted), in SHA-1 and SHA-256 lengths.</summary>
    private static bool IsZero(string id) => id.All(c => c == '0');
}
