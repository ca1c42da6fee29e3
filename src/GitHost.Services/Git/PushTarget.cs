using GitHost.Services.Permissions;

namespace GitHost.Services.Git;

/// <summary>A live push and the repository (with its project) it goes to, loaded once per hook call.</summary>
public sealed record PushTarget(PushSession Session, RepositoryWithProject Repository);
