namespace GitHost.Services.PullRequests.Merges;

/// <summary>Where effective auto-merge settings come from (Bitbucket's <c>scope.type</c>).</summary>
public enum AutoMergeScope
{
    Global,
    Project,
    Repository,
}

/// <summary>
/// The auto-merge settings in force at a scope: whether auto-merge may be requested, where that
/// comes from, and whether the project has locked its repositories to its own setting.
/// </summary>
public sealed record AutoMergeSettings(bool Enabled, AutoMergeScope Scope, long? ScopeId, bool Restricted)
{
    /// <summary>
    /// Bitbucket ships auto-merge switched on (<c>feature.pull.request.auto.merge=true</c>) for every
    /// project and repository that has not turned it off.
    /// </summary>
    public static AutoMergeSettings Default { get; } = new(true, AutoMergeScope.Global, null, false);
}

/// <summary>The stored form at one scope; <c>Restricted</c> is only meaningful on a project.</summary>
public sealed record AutoMergeSettingsDocument(bool Enabled, bool Restricted = false);

/// <summary>What a project's PUT does to the restriction on its repositories.</summary>
public enum AutoMergeRestrictionAction
{
    None,
    Create,
    Delete,
}
