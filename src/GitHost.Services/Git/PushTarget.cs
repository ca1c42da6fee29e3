using GitHost.Services.Permissions;

namespace GitHost.Services.Git;

/// <summary>
/// A live push and the repository (with its project) it goes to, loaded once per hook call; in
/// pre-receive, also where its objects still wait (<see cref="GitHost.Git.Reading.PushQuarantines"/>).
/// </summary>
public sealed record PushTarget(PushSession Session, RepositoryWithProject Repository)
{
    public IReadOnlyList<string> Quarantines { get; init; } = [];
}
