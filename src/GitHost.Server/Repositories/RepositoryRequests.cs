namespace GitHost.Server.Repositories;

/// <summary>Create body. Unknown members (e.g. the python client's <c>is_private</c>) are ignored.</summary>
internal sealed record CreateRepositoryRequest(
    string? Name, string? ScmId, string? DefaultBranch, bool? Public, string? Description, bool? Forkable);

/// <summary>Update body; absent members are left unchanged, <c>project.key</c> moves the repository.</summary>
internal sealed record UpdateRepositoryRequest(
    string? Name, string? Description, string? DefaultBranch, bool? Public, bool? Forkable, bool? Archived, RepositoryProjectRef? Project);

/// <summary>Fork body; every member is optional and so is the body itself.</summary>
internal sealed record ForkRepositoryRequest(string? Name, string? DefaultBranch, RepositoryProjectRef? Project, string? ScmId);

internal sealed record RepositoryProjectRef(string? Key);
