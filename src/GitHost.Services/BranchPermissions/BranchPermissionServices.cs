using GitHost.Services.BranchModel;
using GitHost.Services.Git;
using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.BranchPermissions;

/// <summary>Branch permissions and the branching model: their stores, and the policy every ref change asks.</summary>
public static class BranchPermissionServices
{
    public static IServiceCollection AddBranchPermissionServices(this IServiceCollection services)
    {
        services.AddScoped<BranchingModels>();
        services.AddScoped<BranchesContaining>();
        services.AddScoped<EffectiveBranchModel>();
        services.AddScoped<RefRestrictions>();
        services.AddScoped<RefAncestry>();
        services.AddScoped<BranchRestrictionPolicy>();
        services.AddScoped<RefChangeRestrictions>();
        // After the push policies registered with the git services: a pusher without write access
        // hears that first, not which branch is restricted.
        services.AddScoped<IRefUpdatePolicy, BranchRestrictionPushPolicy>();
        return services;
    }
}
