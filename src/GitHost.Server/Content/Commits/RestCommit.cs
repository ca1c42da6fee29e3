namespace GitHost.Server.Content.Commits;

/// <summary>Bitbucket's <c>RestCommit</c>; timestamps are epoch milliseconds, <c>displayId</c> the first 11 hex digits.</summary>
public sealed record RestCommit(
    string Id,
    string DisplayId,
    RestPerson Author,
    long AuthorTimestamp,
    RestPerson Committer,
    long CommitterTimestamp,
    string Message,
    IReadOnlyList<RestMinimalCommit> Parents);
