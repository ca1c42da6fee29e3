using GitHost.Services.Webhooks;

namespace GitHost.Server.Webhooks;

/// <summary>Bitbucket's RestWebhook as a client sends it.</summary>
internal sealed record RestWebhookRequest(
    string? Name, string? Url, IReadOnlyList<string>? Events, bool? Active, bool? SslVerificationRequired,
    Dictionary<string, string>? Configuration, RestWebhookCredentials? Credentials)
{
    public WebhookInput ToInput() =>
        new(Name, Url, Events, Active, SslVerificationRequired, Configuration, Credentials?.Username, Credentials?.Password);
}
