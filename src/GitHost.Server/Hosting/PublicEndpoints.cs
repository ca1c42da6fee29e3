using GitHost.Server.GitHooks;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GitHost.Server.Hosting;

/// <summary>
/// Where the server listens: the configured <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// default <c>http://0.0.0.0:7990</c>) or <c>Kestrel:Endpoints</c>, plus the loopback hook listener.
/// With <c>urls</c>, the hook listener is appended to them (Kestrel binds them in order, so it is the
/// last address); with <c>Kestrel:Endpoints</c>, which replace <c>urls</c> in any ASP.NET Core
/// application, it is added in code next to them.
/// </summary>
internal static class PublicEndpoints
{
    public const string DefaultUrls = "http://0.0.0.0:7990";

    public static void Configure(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.Services.AddOptions<KestrelServerOptions>().Configure<HookListener>((kestrel, hooks) => hooks.ListenInCode(kestrel));
            return;
        }

        var urls = configuration["urls"] is { Length: > 0 } configured ? configured
            : Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } environment ? environment
            : DefaultUrls;
        builder.WebHost.UseUrls($"{urls.TrimEnd(';')};{HookListener.Url}");
    }
}
