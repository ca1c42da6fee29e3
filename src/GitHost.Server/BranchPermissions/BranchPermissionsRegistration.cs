namespace GitHost.Server.BranchPermissions;

/// <summary>Branch restrictions, the branching model and their enforcement on every ref change.</summary>
internal static class BranchPermissionsRegistration
{
    public static IServiceCollection AddBranchPermissions(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapBranchPermissions(this IEndpointRouteBuilder app) => app;
}
