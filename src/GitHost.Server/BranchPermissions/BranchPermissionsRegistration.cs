using GitHost.Server.BranchModel;
using GitHost.Server.Rest;
using GitHost.Services.BranchPermissions;

namespace GitHost.Server.BranchPermissions;

/// <summary>Branch restrictions, the branching model and their enforcement on every ref change.</summary>
internal static class BranchPermissionsRegistration
{
    public static IServiceCollection AddBranchPermissions(this IServiceCollection services) => services.AddBranchPermissionServices();

    public static IEndpointRouteBuilder MapBranchPermissions(this IEndpointRouteBuilder app)
    {
        app.MapModule("branch-permissions", "2.0", module => module.MapRefRestrictionEndpoints());
        app.MapModule("branch-utils", "1.0", module => module.MapBranchModelEndpoints());
        return app;
    }
}
