using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.PullRequests.Issues;

public static class PullRequestIssueRegistration
{
    /// <summary>Jira issue keys of pull requests, the commits that mention a key, and the <c>GitHost:Jira</c> options that give them addresses.</summary>
    public static IServiceCollection AddPullRequestIssues(this IServiceCollection services)
    {
        services.AddOptions<JiraOptions>().BindConfiguration(JiraOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services.AddScoped<PullRequestIssues>().AddScoped<IssueCommits>();
    }
}
