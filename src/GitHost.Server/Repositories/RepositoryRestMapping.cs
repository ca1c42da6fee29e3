using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Data.Projects;
using GitHost.Data.Users;
using GitHost.Server.Rest;
using GitHost.Services.Repositories;

namespace GitHost.Server.Repositories;

/// <summary>Maps repository reads to Bitbucket's <c>RestRepository</c>, origin included for forks.</summary>
internal static class RepositoryRestMapping
{
    public static RestRepository ToRest(this RestMapper mapper, RepositoryDetails details, Principal viewer) =>
        mapper.ToRest(details, viewer, projects: null);

    /// <summary>A page of repositories; each project is mapped once however many of its repositories the page holds.</summary>
    public static RestPage<RestRepository> ToRestPage(this RestMapper mapper, Page<RepositoryDetails> page, Principal viewer)
    {
        var projects = new Dictionary<long, RestProject>();
        return RestPage<RestRepository>.From(page, d => mapper.ToRest(d, viewer, projects));
    }

    private static RestRepository ToRest(this RestMapper mapper, RepositoryDetails details, Principal viewer, Dictionary<long, RestProject>? projects)
    {
        var origin = details.Origin is { } originRepository && details.OriginProject is { } originProject
            ? mapper.Repository(originRepository, Project(mapper, originProject, details.OriginProjectOwner, projects), viewer)
            : null;
        return mapper.Repository(details.Repository, Project(mapper, details.Project, details.ProjectOwner, projects), viewer, origin);
    }

    private static RestProject Project(RestMapper mapper, ProjectEntity project, UserEntity? owner, Dictionary<long, RestProject>? projects)
    {
        if (projects is null)
        {
            return mapper.Project(project, owner);
        }

        if (!projects.TryGetValue(project.Id, out var rest))
        {
            rest = mapper.Project(project, owner);
            projects[project.Id] = rest;
        }

        return rest;
    }
}
