using GitHost.Server.Rest;
using GitHost.Services.SecretScanning;

namespace GitHost.Server.SecretScanning;

/// <summary>Secret scanning of pushed commits and its rules.</summary>
internal static class SecretScanningRegistration
{
    public static IServiceCollection AddSecretScanning(this IServiceCollection services) => services.AddSecretScanningServices();

    public static IEndpointRouteBuilder MapSecretScanning(this IEndpointRouteBuilder app)
    {
        app.MapModule("api", "1.0", api => api.MapSecretScanningRuleEndpoints().MapSecretScanningExemptEndpoints());
        return app;
    }
}
