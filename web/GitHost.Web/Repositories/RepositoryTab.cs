namespace GitHost.Web.Repositories;

/// <summary>The sections of a repository, as the tabs under its name.</summary>
public enum RepositoryTab
{
    Source,
    Commits,
    Branches,
    Tags,
    PullRequests,
    Compare,
    Pipelines,
    Settings,
}
