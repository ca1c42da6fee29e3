using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.PullRequests.AutoDecline;

internal static class AutoDeclineRegistration
{
    /// <summary>The auto-decline settings and the job that applies them.</summary>
    public static IServiceCollection AddPullRequestAutoDecline(this IServiceCollection services)
    {
        services.AddOptions<AutoDeclineOptions>().BindConfiguration(AutoDeclineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AutoDeclineSettingsStore>();
        services.AddSingleton<AutoDeclineSweep>();
        services.AddHostedService<AutoDeclineJob>();
        return services;
    }
}
