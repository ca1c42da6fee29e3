using GitHost.Core.Security;
using GitHost.Server.Rest;
using GitHost.Web.Repositories;

namespace GitHost.Server.Web;

/// <summary>The web pages' clone URLs, taken from the same links the REST API returns.</summary>
internal sealed class RestCloneUrls(LinkBuilder links) : ICloneUrls
{
    public IReadOnlyList<CloneUrl> For(string projectKey, string slug, Principal viewer) =>
        links.Repository(projectKey, slug, viewer).Clone?.Select(c => new CloneUrl(c.Name ?? "http", c.Href)).ToList() ?? [];
}
