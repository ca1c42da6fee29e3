using GitHost.Services.Permissions;

namespace GitHost.Services.BranchPermissions;

/// <summary>The repository a change goes to, with what the restrictions and their messages need of it.</summary>
public sealed record RestrictedRepository(long RepositoryId, long ProjectId, string ProjectKey, string Slug, string DefaultBranch)
{
    public static RestrictedRepository Of(RepositoryWithProject found) =>
        new(found.Repository.Id, found.Project.Id, found.Project.Key, found.Repository.Slug, found.Repository.DefaultBranch);
}
