namespace GitHost.Server.Content.Commits;

/// <summary>The paging envelope of commit lists, with <c>authorCount</c>/<c>totalCount</c> when <c>withCounts=true</c>.</summary>
public sealed record RestCommitPage(
    int Size, int Limit, bool IsLastPage, int Start, int? NextPageStart, IReadOnlyList<RestCommit> Values, int? AuthorCount, int? TotalCount);
