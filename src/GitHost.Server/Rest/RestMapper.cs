using GitHost.Core.Security;
using GitHost.Data.Projects;
using GitHost.Data.Repositories;
using GitHost.Data.Users;

namespace GitHost.Server.Rest;

/// <summary>Entities to Bitbucket wire models, in one place.</summary>
internal sealed class RestMapper(LinkBuilder links)
{
    public RestUser User(UserEntity user) => new(
        user.UserName ?? user.Slug,
        user.Email,
        user.Id,
        user.DisplayName,
        user.Active,
        user.Slug,
        TypeName(user.Type),
        links.Self("/users/" + user.Slug));

    public RestDetailedUser DetailedUser(UserEntity user, bool deletable) => new(
        user.UserName ?? user.Slug,
        user.Email,
        user.Id,
        user.DisplayName,
        user.Active,
        user.Slug,
        TypeName(user.Type),
        links.Self("/users/" + user.Slug),
        "GitHost Internal Directory",
        deletable,
        user.LastAuthenticated,
        MutableDetails: true,
        MutableGroups: true,
        user.CreatedDate);

    public RestProject Project(ProjectEntity project, UserEntity? owner = null) => new(
        project.Key,
        project.Id,
        project.Name,
        project.Description,
        project.IsPublic,
        project.Type == ProjectType.Personal ? "PERSONAL" : "NORMAL",
        owner is null ? null : User(owner),
        links.Self(project.Type == ProjectType.Personal && owner is not null ? "/users/" + owner.Slug : "/projects/" + project.Key));

    public RestRepository Repository(RepositoryEntity repository, RestProject project, Principal viewer, RestRepository? origin = null) => new(
        repository.Slug,
        repository.Id,
        repository.Name,
        repository.Description,
        repository.HierarchyId,
        "git",
        StateName(repository.State),
        repository.State == RepositoryState.Available ? "Available" : StateName(repository.State),
        repository.Forkable,
        repository.IsPublic,
        repository.Archived,
        repository.DefaultBranch,
        project,
        origin,
        links.Repository(project.Key, repository.Slug, viewer));

    public static string TypeName(UserType type) => type == UserType.Service ? "SERVICE" : "NORMAL";

    public static string StateName(RepositoryState state) => state switch
    {
        RepositoryState.Initialising => "INITIALISING",
        RepositoryState.InitialisationFailed => "INITIALISATION_FAILED",
        RepositoryState.Offline => "OFFLINE",
        _ => "AVAILABLE",
    };
}
