namespace GitHost.Server.SecretScanning;

/// <summary>Secret scanning of pushed commits and its rules.</summary>
internal static class SecretScanningRegistration
{
    public static IServiceCollection AddSecretScanning(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapSecretScanning(this IEndpointRouteBuilder app) => app;
}
