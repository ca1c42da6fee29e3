using GitHost.Git.Commands;
using GitHost.Git.Hooks;
using GitHost.Git.Maintenance;
using GitHost.Git.Reading;
using GitHost.Git.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Git;

public static class GitServiceCollectionExtensions
{
    public static IServiceCollection AddGitHostGit(this IServiceCollection services, string dataHome)
    {
        services.AddOptions<GitOptions>().BindConfiguration(GitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // Data annotations do not reach into GitOptions.Housekeeping: validate that section on its own, at startup.
        services.AddOptions<HousekeepingOptions>().BindConfiguration(HousekeepingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new GitEnvironment(Path.Combine(dataHome, "shared", "git-home")));
        services.AddSingleton(new RepositoryLayout(dataHome));
        services.AddSingleton<GitCommandRunner>();
        services.AddSingleton<BareRepositoryStore>();
        services.AddSingleton<GitRepositoryOpener>();
        services.AddSingleton<QuarantineViews>();
        services.AddSingleton(HookInstallation.ForDataHome(dataHome));
        services.AddSingleton<RepositoryMaintenance>();
        return services;
    }
}
