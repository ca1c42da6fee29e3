using System.ComponentModel.DataAnnotations;

namespace GitHost.Services.PullRequests.Issues;

/// <summary>
/// <c>GitHost:Jira</c>: GitHost has no Jira link, but tools ask which issues a pull request mentions.
/// With <see cref="BaseUrl"/> set, each issue key comes with <c>{BaseUrl}/browse/{key}</c>.
/// </summary>
public sealed class JiraOptions : IValidatableObject
{
    public const string SectionName = "GitHost:Jira";

    /// <summary>The Jira address users browse, e.g. <c>https://jira.example.com</c>; unset: keys come without a url.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Commits of a pull request whose messages are searched for keys, newest first (Bitbucket checks 100).</summary>
    [Range(0, 10_000)]
    public int MaxCommits { get; set; } = 100;

    /// <summary>
    /// Readable repositories <c>/rest/jira/1.0/issues/{key}/commits</c> searches, lowest id first:
    /// each costs one <c>git rev-list --grep</c> over its branches and tags.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxSearchedRepositories { get; set; } = 1_000;

    /// <summary>Commits mentioning an issue key collected across repositories before they are sorted and paged.</summary>
    [Range(1, 100_000)]
    public int MaxIssueCommits { get; set; } = 1_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(BaseUrl)
            && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)))
        {
            yield return new ValidationResult(
                $"GitHost:Jira:BaseUrl must be an absolute http or https address without query or fragment, e.g. https://jira.example.com; '{BaseUrl}' is not.",
                [nameof(BaseUrl)]);
        }
    }
}
