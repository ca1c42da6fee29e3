using System.Text;
using GitHost.Data.PullRequests;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// The merge commit message Bitbucket writes: the template's subject ("Pull request #1: Title"),
/// then the caller's message, or the template's body ("Merge in PROJ/repo from feature to main")
/// followed by up to <c>commitSummaries</c> lines naming the merged commits.
/// </summary>
public static class MergeMessages
{
    public const string DefaultTitle = "Pull request #${id}: ${title}";
    public const string DefaultBody = "Merge in ${toProjectKey}/${toRepoSlug} from ${crossRepoProjectRepo}${fromRefName} to ${toRefName}";

    public const int MaxMessageLength = 32 * 1024;

    /// <summary>400 for a message longer than a commit message should ever be.</summary>
    public static void DemandBounded(string? message)
    {
        if (message?.Length > MaxMessageLength)
        {
            throw Core.Failures.GitHostException.Invalid($"The merge commit message may be at most {MaxMessageLength} characters long.", "message");
        }
    }

    public static string Build(
        PullRequestView view, MergeCommand command, MergeConfigDocument config, IReadOnlyList<(string Id, string Subject)> commits)
    {
        var subject = Subject(view, config);
        var message = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(command.Message))
        {
            if (command.AutoSubject ?? true)
            {
                message.Append(subject).Append("\n\n");
            }

            message.Append(command.Message.Trim());
        }
        else
        {
            message.Append(subject).Append("\n\n").Append(Body(view, config, commits));
        }

        return message.Append('\n').ToString();
    }

    /// <summary>The subject a merge commit gets (<c>commit-message-suggestion</c>'s <c>title</c>).</summary>
    public static string Subject(PullRequestView view, MergeConfigDocument config) =>
        Expand(config.CommitMessageTemplate?.Title ?? DefaultTitle, view);

    /// <summary>What follows the subject when the merger writes no message: the template's body, then the commit summaries.</summary>
    public static string Body(PullRequestView view, MergeConfigDocument config, IReadOnlyList<(string Id, string Subject)> commits)
    {
        var body = new StringBuilder(Expand(config.CommitMessageTemplate?.Body ?? DefaultBody, view));
        if (commits.Count > 0)
        {
            body.Append('\n');
        }

        foreach (var (id, line) in commits.Take(config.CommitSummaries))
        {
            body.Append("\n* commit '").Append(id).Append("':\n  ").Append(line);
        }

        return body.ToString();
    }

    /// <summary>Bitbucket's template variables; unknown ones are left as written.</summary>
    public static string Expand(string template, PullRequestView view)
    {
        PullRequestEntity pr = view.PullRequest;
        var crossRepo = pr.FromRepositoryId == pr.RepositoryId ? "" : $"{view.Source.Project.Key}/{view.Source.Repository.Slug}:";
        return template
            .Replace("${id}", pr.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${title}", pr.Title, StringComparison.Ordinal)
            .Replace("${description}", pr.Description ?? "", StringComparison.Ordinal)
            .Replace("${toProjectKey}", view.Target.Project.Key, StringComparison.Ordinal)
            .Replace("${toRepoSlug}", view.Target.Repository.Slug, StringComparison.Ordinal)
            .Replace("${fromProjectKey}", view.Source.Project.Key, StringComparison.Ordinal)
            .Replace("${fromRepoSlug}", view.Source.Repository.Slug, StringComparison.Ordinal)
            .Replace("${crossRepoProjectRepo}", crossRepo, StringComparison.Ordinal)
            .Replace("${fromRefName}", PullRequestRefs.DisplayId(pr.FromRef), StringComparison.Ordinal)
            .Replace("${toRefName}", PullRequestRefs.DisplayId(pr.ToRef), StringComparison.Ordinal)
            .Replace("${authorName}", view.Author?.DisplayName ?? "", StringComparison.Ordinal);
    }
}
