namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    private static readonly int[] AdminsRefused = [401, 404, 401, 401, 400, 400];

    /// <summary>Webhooks at project and repository level: administrators of the scope only.</summary>
    private static MatrixRow[] WebhookRows =>
    [
        .. WebhookRowsAt(Project + "/webhooks"),
        .. WebhookRowsAt(Repo + "/webhooks"),
        new("GET", Repo + "/webhooks/search?scopeType=project&scopeType=repository", null, ProjectAdmins),
    ];

    private static MatrixRow[] WebhookRowsAt(string hooks) =>
    [
        new("GET", hooks, null, ProjectAdmins),
        new("GET", hooks + "?event=pr:deleted&statistics=true", null, ProjectAdmins),
        new("POST", hooks, Webhook, ProjectAdmins),
        new("GET", hooks + "/999999", null, AdminsFindNothing),
        new("PUT", hooks + "/999999", Webhook, AdminsFindNothing),
        new("DELETE", hooks + "/999999", null, AdminsFindNothing),
        new("GET", hooks + "/999999/latest", null, AdminsFindNothing),
        new("GET", hooks + "/999999/statistics", null, AdminsFindNothing),
        new("GET", hooks + "/999999/statistics/summary", null, AdminsFindNothing),
        new("GET", hooks + "/999999/deliveries", null, AdminsFindNothing),
        new("POST", hooks + "/999999/deliveries/1/redeliver", null, AdminsFindNothing),
        new("GET", hooks + "/999999/deliveries/1", null, AdminsFindNothing),
        new("GET", hooks + "/999999/deliveries/1/attempts", null, AdminsFindNothing),
        new("GET", hooks + "/999999/attempts?outcome=FAILURE", null, AdminsFindNothing),
        new("POST", hooks + "/test?url=http://169.254.169.254/latest/meta-data", null, AdminsRefused),
    ];

    /// <summary>A hook on an event the matrix never raises, to a host that is never reached.</summary>
    private static object Webhook(string suffix) => new
    {
        name = "matrix-" + suffix,
        url = "https://ci.example.invalid/hook/" + suffix,
        events = new[] { "pr:deleted" },
        configuration = new { secret = "s" + suffix },
    };
}
