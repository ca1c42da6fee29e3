namespace GitHost.Data.PullRequests;

/// <summary>
/// A settings document for a project or a repository (pull request settings: merge strategies,
/// merge checks, commit message templates). Stored as JSON: a key absent from a repository's
/// document is inherited from its project's, then from the defaults.
/// </summary>
public sealed class ScopedSettingsEntity
{
    public long Id { get; set; }

    /// <summary>What the document configures, e.g. <c>pull-requests</c>.</summary>
    public string Kind { get; set; } = "";

    public SettingsScope ScopeType { get; set; }

    /// <summary>The project's or repository's id.</summary>
    public long ScopeId { get; set; }

    public string Json { get; set; } = "{}";

    public long UpdatedDate { get; set; }
}
