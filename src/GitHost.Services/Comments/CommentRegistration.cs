using GitHost.Services.PullRequests;
using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.Comments;

public static class CommentRegistration
{
    /// <summary>Pull request comments, tasks and their anchors.</summary>
    public static IServiceCollection AddPullRequestComments(this IServiceCollection services) => services
        .AddScoped<CommentAnchors>()
        .AddScoped<CommentThreads>()
        .AddScoped<PullRequestComments>()
        .AddScoped<PullRequestReviews>()
        .AddScoped<CommitComments>()
        .AddScoped<CommentReactions>()
        .AddScoped<CommentSuggestions>()
        .AddScoped<CommentMentions>()
        .AddScoped<IPullRequestRescopeListener, CommentReanchoring>()
        .AddSingleton<Markup.MarkupRenderer>();
}
