using GitHost.Core.Failures;

namespace GitHost.Services.Webhooks;

/// <summary>A webhook as a client sends it (POST creates, PUT replaces).</summary>
/// <param name="Configuration">Free-form string settings; <c>secret</c> is the HMAC key. On update, no <c>secret</c> key keeps the stored one.</param>
public sealed record WebhookInput(
    string? Name, string? Url, IReadOnlyList<string>? Events, bool? Active, bool? SslVerificationRequired,
    IReadOnlyDictionary<string, string>? Configuration, string? Username, string? Password)
{
    public const int MaxNameLength = 255;
    public const int MaxUrlLength = 2048;
    public const int MaxSecretLength = 255;
    public const int MaxConfigurationLength = 8192;
    public const int MaxEvents = 64;

    /// <summary>The subscribed keys, normalized and without duplicates; 400 for an unknown one.</summary>
    public IReadOnlyList<string> ValidEvents()
    {
        if (Events is null || Events.Count == 0)
        {
            throw GitHostException.Invalid("A webhook needs at least one event, e.g. \"repo:refs_changed\".", "events");
        }

        if (Events.Count > MaxEvents)
        {
            throw GitHostException.Invalid($"A webhook subscribes to at most {MaxEvents} events.", "events");
        }

        var keys = new List<string>();
        foreach (var key in Events)
        {
            var known = WebhookEvents.Normalize(key ?? "")
                ?? throw GitHostException.Invalid($"'{Truncate(key)}' is not a webhook event. Known events: {string.Join(", ", WebhookEvents.All)}.", "events");
            if (!keys.Contains(known))
            {
                keys.Add(known);
            }
        }

        return keys;
    }

    public string ValidName()
    {
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw GitHostException.Invalid("A webhook needs a name.", "name");
        }

        return name.Length <= MaxNameLength ? name : throw GitHostException.Invalid($"A webhook name has at most {MaxNameLength} characters.", "name");
    }

    internal static string Truncate(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";
}
