using GitHost.Server.Rest;
using GitHost.Services.ReviewerGroups;

namespace GitHost.Server.ReviewerGroups;

/// <summary>Reviewer groups of projects and repositories.</summary>
internal static class ReviewerGroupsRegistration
{
    public static IServiceCollection AddReviewerGroups(this IServiceCollection services) => services.AddReviewerGroupServices();

    public static IEndpointRouteBuilder MapReviewerGroups(this IEndpointRouteBuilder app)
    {
        app.MapModule("api", "1.0", api => api.MapReviewerGroupEndpoints());
        return app;
    }
}
