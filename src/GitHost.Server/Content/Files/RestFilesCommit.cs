using GitHost.Services.Content.Files;

namespace GitHost.Server.Content.Files;

/// <summary>
/// Bitbucket's RestCommit as content responses carry it (no links). To be folded into the refs
/// feature's RestCommit at merge.
/// </summary>
public sealed record RestFilesCommit(
    string Id, string DisplayId, RestFilesPerson Author, long AuthorTimestamp, RestFilesPerson Committer, long CommitterTimestamp,
    string Message, IReadOnlyList<RestFilesParent> Parents)
{
    public static RestFilesCommit From(CommitSummary commit) => new(
        commit.Id,
        commit.Id[..11],
        new RestFilesPerson(commit.Author.Name, commit.Author.EmailAddress),
        commit.AuthorTimestamp,
        new RestFilesPerson(commit.Committer.Name, commit.Committer.EmailAddress),
        commit.CommitterTimestamp,
        commit.Message,
        commit.Parents.Select(p => new RestFilesParent(p, p[..11])).ToList());
}

public sealed record RestFilesPerson(string Name, string EmailAddress);

public sealed record RestFilesParent(string Id, string DisplayId);

/// <summary><c>last-modified</c>: the newest commit touching each child, and the commit asked for.</summary>
public sealed record RestLastModified(IReadOnlyDictionary<string, RestFilesCommit> Files, RestFilesCommit LatestCommit);
