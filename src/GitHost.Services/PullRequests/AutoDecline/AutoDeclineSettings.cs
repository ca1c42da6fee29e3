namespace GitHost.Services.PullRequests.AutoDecline;

/// <summary>Where effective auto-decline settings come from (Bitbucket's <c>scope.type</c>).</summary>
public enum AutoDeclineScope
{
    Global,
    Project,
    Repository,
}

/// <summary>The auto-decline settings in force at a scope and where they come from.</summary>
public sealed record AutoDeclineSettings(bool Enabled, int InactivityWeeks, AutoDeclineScope Scope, long? ScopeId)
{
    /// <summary>The inactivity periods Bitbucket accepts.</summary>
    public static IReadOnlyList<int> AllowedWeeks { get; } = [1, 2, 4, 8, 12];

    public TimeSpan Inactivity => TimeSpan.FromDays(7 * InactivityWeeks);
}

/// <summary>The stored form at one scope.</summary>
public sealed record AutoDeclineSettingsDocument(bool Enabled, int InactivityWeeks);
