using System.Reflection;
using GitHost.Server.Cluster;
using GitHost.Server.Rest;
using GitHost.Services.Webhooks;

namespace GitHost.Server.Discovery;

/// <summary>Status, version and discovery endpoints that clients probe before anything else.</summary>
internal static class SystemEndpoints
{
    /// <summary>The Bitbucket Data Center version whose REST API this server is compatible with.</summary>
    public const string CompatibleVersion = "9.2.0";

    public static IEndpointRouteBuilder MapSystemEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/status", StatusAsync).WithTags("system");
        app.MapGet("/rest/capabilities", Capabilities).WithTags("system");
        app.MapGet("/rest/webhooks/latest/capabilities", () => TypedResults.Ok(new Dictionary<string, string[]>
        {
            ["application-webhooks"] = [.. WebhookEvents.All],
        })).WithTags("system");
        app.MapModule("api", "1.0", api => api.MapGet("/application-properties", ApplicationProperties));
        return app;
    }

    /// <summary>200 with state RUNNING while the node can serve; 503 with state ERROR otherwise, so HAProxy takes it out.</summary>
    private static async Task<IResult> StatusAsync(NodeHealth health)
    {
        var status = await health.CurrentAsync();
        return status.State == "RUNNING" ? TypedResults.Ok(status) : TypedResults.Json(status, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult ApplicationProperties() => TypedResults.Ok(new
    {
        version = CompatibleVersion,
        buildNumber = "9002000",
        buildDate = BuildDate,
        displayName = "GitHost",
    });

    private static IResult Capabilities(LinkBuilder links)
    {
        var baseUrl = links.BaseUrl;
        return TypedResults.Ok(new
        {
            application = "stash",
            buildDate = BuildDate,
            links = new { self = baseUrl + "/rest/capabilities" },
            capabilities = new Dictionary<string, string>
            {
                ["webhooks"] = baseUrl + "/rest/webhooks/latest/capabilities",
                ["build"] = baseUrl + "/rest/api/latest/build/capabilities",
            },
        });
    }

    /// <summary>Read once: the file's time does not change while the process runs.</summary>
    private static readonly string BuildDate =
        new DateTimeOffset(File.GetLastWriteTimeUtc(Assembly.GetExecutingAssembly().Location)).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
