using System.Globalization;
using GitHost.Git.Commands;
using GitHost.Git.Reading;
using GitHost.Git.Storage;
using LibGit2Sharp;

namespace GitHost.Services.PullRequests.Rescoping;

/// <summary>
/// The commits a rescoping added to or removed from a pull request, as the RESCOPED activity lists
/// them: <c>{commits: [up to <see cref="MaxListed"/>, newest first], total}</c>. Counted with
/// <c>git rev-list</c> so a push of thousands of commits costs one process, not a walk in memory.
/// </summary>
public sealed class RescopeCommits(GitCommandRunner git, BareRepositoryStore store, GitRepositoryOpener opener)
{
    public const int MaxListed = 5;

    /// <summary>Commits reachable from <paramref name="include"/> and from none of <paramref name="exclude"/>.</summary>
    public async Task<RescopeCommitList> BetweenAsync(long repositoryId, string include, IEnumerable<string> exclude, CancellationToken cancellationToken)
    {
        var excluded = exclude.Where(e => e != include).Distinct().ToList();
        var command = git.Command("rev-list", "--count").GitDir(store.PathOf(repositoryId)).Option("--end-of-options").Value(include);
        foreach (var id in excluded)
        {
            command.Value("^" + id);
        }

        var counted = await command.RunAsync(cancellationToken);
        counted.EnsureSuccess();
        var total = int.Parse(counted.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        if (total == 0)
        {
            return new RescopeCommitList([], 0);
        }

        var listing = git.Command("rev-list", "--max-count=" + MaxListed.ToString(CultureInfo.InvariantCulture))
            .GitDir(store.PathOf(repositoryId)).Option("--end-of-options").Value(include);
        foreach (var id in excluded)
        {
            listing.Value("^" + id);
        }

        var listed = await listing.RunAsync(cancellationToken);
        listed.EnsureSuccess();
        using var repo = opener.Open(repositoryId);
        var commits = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(repo.Lookup<Commit>).OfType<Commit>().Select(RescopeCommit.From).ToList();
        return new RescopeCommitList(commits, total);
    }
}

public sealed record RescopeCommitList(IReadOnlyList<RescopeCommit> Commits, int Total);

/// <summary>A commit as an activity lists it: Bitbucket's commit JSON without links.</summary>
public sealed record RescopeCommit(
    string Id, string DisplayId, RescopePerson Author, long AuthorTimestamp, RescopePerson Committer, long CommitterTimestamp,
    string Message, IReadOnlyList<RescopeParent> Parents)
{
    public static RescopeCommit From(Commit commit) => new(
        commit.Sha,
        commit.Sha[..11],
        new RescopePerson(commit.Author.Name, commit.Author.Email),
        commit.Author.When.ToUnixTimeMilliseconds(),
        new RescopePerson(commit.Committer.Name, commit.Committer.Email),
        commit.Committer.When.ToUnixTimeMilliseconds(),
        commit.Message.TrimEnd('\n'),
        commit.Parents.Select(p => new RescopeParent(p.Sha, p.Sha[..11])).ToList());
}

public sealed record RescopePerson(string Name, string EmailAddress);

public sealed record RescopeParent(string Id, string DisplayId);
