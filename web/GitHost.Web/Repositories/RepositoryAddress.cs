using GitHost.Services.Content;
using GitHost.Services.Repositories;

namespace GitHost.Web.Repositories;

/// <summary>
/// The web addresses of one repository's pages, in Bitbucket Data Center's layout, so that links in
/// REST payloads, webhooks and old bookmarks open the same pages.
/// </summary>
public sealed class RepositoryAddress(string projectKey, string slug)
{
    public string ProjectKey { get; } = projectKey;

    public string Slug { get; } = slug;

    public string Base { get; } = $"/projects/{Uri.EscapeDataString(projectKey)}/repos/{Uri.EscapeDataString(slug)}";

    public string Project => "/projects/" + Uri.EscapeDataString(ProjectKey);

    public static RepositoryAddress Of(RepositoryDetails details) => new(details.Project.Key, details.Repository.Slug);

    public string Browse(ContentPath path, string? at = null) =>
        Base + "/browse" + (path.IsRoot ? "" : "/" + Escape(path)) + At(at, '?');

    public string Raw(ContentPath path, string? at = null) => "/rest/api/1.0" + Base + "/raw/" + Escape(path) + At(at, '?');

    public string Archive(string? at, string format = "zip") => "/rest/api/1.0" + Base + "/archive?format=" + format + At(at, '&');

    public string Commits(string? until = null) => Base + "/commits" + (until is null ? "" : "?until=" + Uri.EscapeDataString(until));

    public string Commit(string id) => Base + "/commits/" + Uri.EscapeDataString(id);

    public string Branches => Base + "/branches";

    public string Tags => Base + "/tags";

    public string Compare(string? source, string? target, string tab = "commits") =>
        $"{Base}/compare/{tab}?sourceBranch={Uri.EscapeDataString(source ?? "")}&targetBranch={Uri.EscapeDataString(target ?? "")}";

    public string PullRequests => Base + "/pull-requests";

    public string PullRequest(long id, string tab = "overview") => $"{Base}/pull-requests/{id}/{tab}";

    public string CreatePullRequest(string? source = null) =>
        Base + "/pull-requests?create" + (source is null ? "" : "&sourceBranch=" + Uri.EscapeDataString(source));

    private static string Escape(ContentPath path) => string.Join('/', path.Components.Select(Uri.EscapeDataString));

    private static string At(string? at, char separator) => at is null ? "" : separator + "at=" + Uri.EscapeDataString(at);
}
