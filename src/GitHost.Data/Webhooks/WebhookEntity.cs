using GitHost.Data.PullRequests;

namespace GitHost.Data.Webhooks;

/// <summary>A webhook of a project or repository: where to POST which events, and how to sign them.</summary>
public sealed class WebhookEntity
{
    public long Id { get; set; }

    public SettingsScope ScopeType { get; set; }

    /// <summary>The project or repository id, after <see cref="ScopeType"/>.</summary>
    public long ScopeId { get; set; }

    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>Event keys, comma separated, in the order the client gave them.</summary>
    public string Events { get; set; } = "";

    public bool Active { get; set; }

    public bool SslVerificationRequired { get; set; }

    /// <summary>The HMAC key of <c>X-Hub-Signature</c>; null for unsigned deliveries. Never shown over REST.</summary>
    public string? Secret { get; set; }

    /// <summary><c>configuration</c> keys other than <c>secret</c>, as a JSON object (clients store e.g. <c>createdBy</c>).</summary>
    public string? Configuration { get; set; }

    /// <summary>Basic credentials sent with each delivery (Bitbucket 8 <c>credentials</c>); the password is never shown.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public long CreatedDate { get; set; }

    public long UpdatedDate { get; set; }

    /// <summary>The dispatcher node delivering this hook's events now (one delivery in flight per hook).</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Epoch ms when <see cref="LeaseOwner"/>'s claim lapses unless renewed.</summary>
    public long? LeaseUntil { get; set; }
}
