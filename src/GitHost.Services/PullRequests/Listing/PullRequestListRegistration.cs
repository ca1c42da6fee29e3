using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.PullRequests.Listing;

public static class PullRequestListRegistration
{
    public static IServiceCollection AddPullRequestIdLists(this IServiceCollection services)
    {
        services.AddOptions<PullRequestListOptions>().BindConfiguration(PullRequestListOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<PullRequestIdLists>();
    }
}
