using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitHost.Services.Audit;

public static class AuditServiceRegistration
{
    /// <summary>The writer every service records with; the host replaces <see cref="IAuditContext"/> with the request's.</summary>
    public static IServiceCollection AddAuditWriter(this IServiceCollection services)
    {
        services.TryAddScoped<IAuditContext, SystemAuditContext>();
        services.AddSingleton<AuditCommitted>();
        services.AddScoped<AuditWriter>();
        services.AddScoped<PushAudit>();
        services.AddScoped<AuditLog>();
        return services;
    }
}
