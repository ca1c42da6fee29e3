namespace GitHost.Server.Content.Changes;

/// <summary>The page of <c>commits/{id}/changes</c>: the paging envelope plus the two commits compared, as Bitbucket returns it.</summary>
public sealed record RestChangePage(
    string? FromHash,
    string ToHash,
    IReadOnlyDictionary<string, object> Properties,
    int Size,
    int Limit,
    bool IsLastPage,
    int Start,
    int? NextPageStart,
    IReadOnlyList<RestChange> Values);
