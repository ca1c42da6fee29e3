using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.ReviewerGroups;

public static class ReviewerGroupServices
{
    public static IServiceCollection AddReviewerGroupServices(this IServiceCollection services) => services
        .AddScoped<ReviewerGroupScopes>()
        .AddScoped<ReviewerGroupMembers>()
        .AddScoped<ReviewerGroupService>();
}
