namespace GitHost.Server.Content.Refs;

/// <summary>Bitbucket's <c>RestMinimalRef</c>: <c>{id: "refs/heads/main", displayId: "main", type: "BRANCH"}</c>.</summary>
public sealed record RestMinimalRef(string Id, string DisplayId, string Type);
