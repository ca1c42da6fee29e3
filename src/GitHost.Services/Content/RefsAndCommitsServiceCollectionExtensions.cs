using GitHost.Services.Content.Commits;
using GitHost.Services.Content.Refs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitHost.Services.Content;

public static class RefsAndCommitsServiceCollectionExtensions
{
    /// <summary>Branches, tags and commit history. The host registers <see cref="IRefEventSubjects"/> (the wire forms of events).</summary>
    public static IServiceCollection AddRefsAndCommits(this IServiceCollection services)
    {
        services.AddSingleton<RefUpdater>();
        services.AddSingleton<PathHistory>();
        services.AddScoped<RefChangeRecorder>();
        services.AddScoped<BranchQueries>();
        services.AddScoped<BranchCommands>();
        services.AddScoped<BranchDivergence>();
        services.AddScoped<TagQueries>();
        services.AddScoped<TagCommands>();
        services.AddScoped<CommitHistory>();
        services.AddScoped<CommitAuthors>();
        return services;
    }
}
