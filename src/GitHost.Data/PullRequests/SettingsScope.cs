namespace GitHost.Data.PullRequests;

public enum SettingsScope
{
    Project = 0,
    Repository = 1,

    /// <summary>The whole instance (ScopeId 0): the pull request merge configuration of an SCM, below every project.</summary>
    Global = 2,
}
