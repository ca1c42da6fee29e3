namespace GitHost.Services.Webhooks;

/// <summary>The event keys a webhook may subscribe to, as Bitbucket names them.</summary>
public static class WebhookEvents
{
    public const string Ping = "diagnostics:ping";

    /// <summary>Bitbucket 8.10 renamed "needs work" in its UI; some clients subscribe with the new key.</summary>
    private const string ChangesRequested = "pr:reviewer:changes_requested";

    public static readonly IReadOnlyList<string> All =
    [
        "repo:refs_changed", "repo:modified", "repo:forked", "repo:comment:added", "repo:comment:edited", "repo:comment:deleted",
        "pr:opened", "pr:from_ref_updated", "pr:to_ref_updated", "pr:modified", "pr:reviewer:updated", "pr:reviewer:approved",
        "pr:reviewer:unapproved", "pr:reviewer:needs_work", "pr:merged", "pr:declined", "pr:deleted",
        "pr:comment:added", "pr:comment:edited", "pr:comment:deleted", "project:modified",
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsKnown(string key) => Known.Contains(key);

    /// <summary>The key stored for a subscription, or null when GitHost never sends it.</summary>
    public static string? Normalize(string key) => key == ChangesRequested ? "pr:reviewer:needs_work" : Known.Contains(key) ? key : null;
}
