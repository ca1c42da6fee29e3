using LibGit2Sharp;

namespace GitHost.Services.Content.Files;

/// <summary>
/// The commit facts content responses carry (Bitbucket's RestCommit without links). Folded into the
/// refs feature's commit model when both land.
/// </summary>
public sealed record CommitSummary(
    string Id, CommitPerson Author, long AuthorTimestamp, CommitPerson Committer, long CommitterTimestamp, string Message, IReadOnlyList<string> Parents)
{
    public static CommitSummary From(Commit commit) => new(
        commit.Sha,
        new CommitPerson(commit.Author.Name, commit.Author.Email),
        commit.Author.When.ToUnixTimeMilliseconds(),
        new CommitPerson(commit.Committer.Name, commit.Committer.Email),
        commit.Committer.When.ToUnixTimeMilliseconds(),
        commit.Message.TrimEnd('\n'),
        commit.Parents.Select(p => p.Sha).ToList());
}

public sealed record CommitPerson(string Name, string EmailAddress);
