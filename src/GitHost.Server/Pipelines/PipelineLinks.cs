using GitHost.Server.GitSsh;
using GitHost.Services.Pipelines;

namespace GitHost.Server.Pipelines;

/// <summary>Pipeline addresses from the configured base URL (or the first address listened on), as outside any request.</summary>
internal sealed class PipelineLinks(GitSshBaseUrl baseUrl) : IPipelineLinks
{
    public string PipelinePage(string projectKey, string slug, int buildNumber) =>
        $"{RepositoryPath(projectKey, slug)}/pipelines/results/{buildNumber}";

    public string CloneUrl(string projectKey, string slug) =>
        $"{baseUrl.Value}/scm/{projectKey.ToLowerInvariant()}/{slug}.git";

    private string RepositoryPath(string projectKey, string slug) => projectKey.StartsWith('~')
        ? $"{baseUrl.Value}/users/{projectKey[1..].ToLowerInvariant()}/repos/{slug}"
        : $"{baseUrl.Value}/projects/{projectKey}/repos/{slug}";
}
