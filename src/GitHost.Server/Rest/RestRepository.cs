namespace GitHost.Server.Rest;

public sealed record RestRepository(
    string Slug,
    long Id,
    string Name,
    string? Description,
    string HierarchyId,
    string ScmId,
    string State,
    string StatusMessage,
    bool Forkable,
    bool Public,
    bool Archived,
    string DefaultBranch,
    RestProject Project,
    RestRepository? Origin,
    RestLinks Links);
