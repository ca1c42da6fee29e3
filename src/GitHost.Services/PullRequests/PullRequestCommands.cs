namespace GitHost.Services.PullRequests;

/// <summary>A ref given by a client: its id (<c>refs/heads/x</c> or <c>x</c>) and optionally its repository (a fork).</summary>
public sealed record RefSpecifier(string? Id, string? ProjectKey, string? Slug);

/// <summary><c>POST .../pull-requests</c>.</summary>
public sealed record CreatePullRequest(
    string? Title, string? Description, bool Draft, RefSpecifier? FromRef, RefSpecifier? ToRef, IReadOnlyList<string>? Reviewers);

/// <summary><c>PUT .../pull-requests/{id}</c>: null members stay as they are; <see cref="Reviewers"/> replaces the list.</summary>
public sealed record UpdatePullRequest(
    int? Version, string? Title, string? Description, bool? Draft, RefSpecifier? ToRef, IReadOnlyList<string>? Reviewers);
