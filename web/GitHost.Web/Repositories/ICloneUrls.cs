using GitHost.Core.Security;

namespace GitHost.Web.Repositories;

/// <summary>A way to clone a repository: <c>http</c> or <c>ssh</c>, and its URL.</summary>
public sealed record CloneUrl(string Name, string Href);

/// <summary>
/// The clone URLs a repository page offers, the same ones the REST API hands out (the host knows the
/// public base URL and whether SSH is on; the web project does not).
/// </summary>
public interface ICloneUrls
{
    IReadOnlyList<CloneUrl> For(string projectKey, string slug, Principal viewer);
}
