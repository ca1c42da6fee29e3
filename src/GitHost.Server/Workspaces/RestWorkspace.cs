using GitHost.Server.Rest;

namespace GitHost.Server.Workspaces;

/// <summary>A workspace on the wire (GitHost extension), shaped like Bitbucket's project.</summary>
public sealed record RestWorkspace(string Key, long Id, string Name, string? Description, bool Default, RestLinks Links);

/// <summary>A workspace member: the user and whether they administer the workspace.</summary>
public sealed record RestWorkspaceMember(RestUser User, bool Admin);

/// <summary>Create/update body; unknown members are ignored.</summary>
internal sealed record WorkspaceRequest(string? Key, string? Name, string? Description);
