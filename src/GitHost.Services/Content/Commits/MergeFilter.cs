namespace GitHost.Services.Content.Commits;

/// <summary>Bitbucket's <c>merges</c> parameter.</summary>
public enum MergeFilter
{
    Include,
    Exclude,
    Only,
}
