using GitHost.Services.PullRequests;

namespace GitHost.Server.PullRequests;

/// <summary><c>{id, repository: {slug, project: {key}}}</c>; the repository is optional (the target's).</summary>
internal sealed record PullRequestRefRequest(string? Id, PullRequestRepositoryRequest? Repository)
{
    public RefSpecifier ToSpecifier() => new(Id, Repository?.Project?.Key, Repository?.Slug);
}

internal sealed record PullRequestRepositoryRequest(string? Slug, PullRequestProjectRequest? Project);

internal sealed record PullRequestProjectRequest(string? Key);

/// <summary><c>{user: {name}}</c>, as reviewers and participants are given.</summary>
internal sealed record PullRequestUserRequest(PullRequestUserName? User)
{
    public string? Name => User?.Name ?? User?.Slug;
}

internal sealed record PullRequestUserName(string? Name, string? Slug);

internal sealed record CreatePullRequestRequest(
    string? Title, string? Description, bool? Draft, PullRequestRefRequest? FromRef, PullRequestRefRequest? ToRef, IReadOnlyList<PullRequestUserRequest>? Reviewers);

internal sealed record UpdatePullRequestRequest(
    int? Version, string? Title, string? Description, bool? Draft, PullRequestRefRequest? ToRef, IReadOnlyList<PullRequestUserRequest>? Reviewers);

/// <summary>The optional body of decline, reopen and delete: <c>{version}</c> (Bitbucket also takes <c>?version=</c>).</summary>
internal sealed record PullRequestVersionRequest(int? Version, string? Comment);

/// <summary><c>POST .../participants</c> and <c>PUT .../participants/{userSlug}</c>.</summary>
internal sealed record ParticipantRequest(PullRequestUserName? User, string? Role, string? Status, bool? Approved, string? LastReviewedCommit);
