namespace GitHost.Services.Pipelines;

/// <summary>The server's public addresses a pipeline hands out (its page in build statuses, the clone URL a runner fetches), known only to the host.</summary>
public interface IPipelineLinks
{
    string PipelinePage(string projectKey, string slug, int buildNumber);

    string CloneUrl(string projectKey, string slug);
}
