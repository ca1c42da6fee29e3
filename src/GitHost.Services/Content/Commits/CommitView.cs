using LibGit2Sharp;

namespace GitHost.Services.Content.Commits;

/// <summary>A commit read out of a repository (which is closed right after), timestamps in epoch milliseconds.</summary>
public sealed record CommitView(
    string Id,
    string AuthorName,
    string AuthorEmail,
    long AuthorTimestamp,
    string CommitterName,
    string CommitterEmail,
    long CommitterTimestamp,
    string Message,
    IReadOnlyList<string> Parents)
{
    public static CommitView From(Commit commit) => new(
        commit.Sha,
        commit.Author.Name,
        commit.Author.Email,
        commit.Author.When.ToUnixTimeMilliseconds(),
        commit.Committer.Name,
        commit.Committer.Email,
        commit.Committer.When.ToUnixTimeMilliseconds(),
        // Bitbucket shows the message without git's final newline.
        commit.Message.TrimEnd('\n'),
        commit.Parents.Select(p => p.Sha).ToList());
}
