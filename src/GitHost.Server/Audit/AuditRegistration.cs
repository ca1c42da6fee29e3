namespace GitHost.Server.Audit;

/// <summary>The append-only audit log: recording, the REST query and the JSON lines stream.</summary>
internal static class AuditRegistration
{
    public static IServiceCollection AddAuditLog(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder app) => app;
}
