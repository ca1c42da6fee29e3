using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace GitHost.Server.Hosting;

/// <summary>
/// <c>GitHost:TrustedProxies</c>: the reverse proxies (addresses or CIDR ranges) whose
/// <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> GitHost believes. It configures ASP.NET Core's
/// forwarded-headers middleware, the same one <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> turns on,
/// so the client address every feature sees (sign-in throttle, rate limits, audit log) is the one
/// the trusted proxy reports, and a header from any other peer is ignored.
/// </summary>
internal static class TrustedProxies
{
    public const string Key = "GitHost:TrustedProxies";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var entries = configuration.GetSection(Key).Get<string[]>() ?? [];
        if (entries.Length == 0)
        {
            return services;
        }

        var networks = entries.Select(Parse).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the listed proxies, not ASP.NET Core's loopback default nor "anyone" of the environment switch.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>Runs the middleware when proxies are listed, unless the environment switch already put it first in the pipeline.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration)
    {
        var listed = (configuration.GetSection(Key).Get<string[]>() ?? []).Length > 0;
        var switchedOn = string.Equals(configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);
        return listed && !switchedOn ? app.UseForwardedHeaders() : app;
    }

    private static System.Net.IPNetwork Parse(string entry)
    {
        var text = entry.Trim();
        if (System.Net.IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new InvalidOperationException($"{Key} entry '{entry}' is neither an IP address nor a CIDR range (like 10.0.0.0/8). Fix the setting and start again.");
    }
}
