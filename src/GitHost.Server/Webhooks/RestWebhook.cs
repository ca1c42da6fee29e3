using GitHost.Data.PullRequests;
using GitHost.Services.Webhooks;

namespace GitHost.Server.Webhooks;

/// <summary>
/// Bitbucket's RestWebhook. <c>configuration</c> never carries the secret back (GitHost keeps it
/// write-only); <c>credentials</c> shows the user name only.
/// </summary>
internal sealed record RestWebhook(
    long Id, string Name, long CreatedDate, long UpdatedDate, IReadOnlyList<string> Events, IReadOnlyDictionary<string, string> Configuration,
    string Url, bool Active, bool SslVerificationRequired, string ScopeType, RestWebhookCredentials? Credentials, object? Statistics)
{
    public static RestWebhook From(WebhookView view, object? statistics = null) => new(
        view.Id, view.Name, view.CreatedDate, view.UpdatedDate, view.Events, view.Configuration, view.Url, view.Active,
        view.SslVerificationRequired, view.ScopeType == SettingsScope.Project ? "project" : "repository",
        view.Username is null ? null : new RestWebhookCredentials(view.Username, null), statistics);
}
