using GitHost.Server.Rest;
using GitHost.Services.Audit;

namespace GitHost.Server.Audit;

/// <summary>The append-only audit log: recording, the REST query and the JSON lines stream.</summary>
internal static class AuditRegistration
{
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IAuditContext, HttpAuditContext>();
        services.AddAuditWriter();
        services.AddSingleton<AuditFileWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditFileWriter>());
        services.AddSingleton<AuditRetention>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditRetention>());
        return services;
    }

    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder app)
    {
        app.MapModule("auditing", "1.0", auditing => auditing.MapAuditEndpoints());
        return app;
    }
}
