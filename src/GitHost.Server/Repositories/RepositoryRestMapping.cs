using GitHost.Core.Security;
using GitHost.Server.Rest;
using GitHost.Services.Repositories;

namespace GitHost.Server.Repositories;

/// <summary>Maps the one-query repository read to Bitbucket's <c>RestRepository</c>, origin included for forks.</summary>
internal static class RepositoryRestMapping
{
    public static RestRepository ToRest(this RestMapper mapper, RepositoryDetails details, Principal viewer)
    {
        var origin = details.Origin is { } originRepository && details.OriginProject is { } originProject
            ? mapper.Repository(originRepository, mapper.Project(originProject, details.OriginProjectOwner), viewer)
            : null;
        return mapper.Repository(details.Repository, mapper.Project(details.Project, details.ProjectOwner), viewer, origin);
    }
}
