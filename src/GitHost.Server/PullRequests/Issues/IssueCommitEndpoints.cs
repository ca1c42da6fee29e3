using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Parsing;
using GitHost.Server.Auth;
using GitHost.Server.Content.Changes;
using GitHost.Server.Content.Commits;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests.Issues;

namespace GitHost.Server.PullRequests.Issues;

/// <summary>
/// <c>GET /rest/jira/1.0/issues/{issueKey}/commits</c>: a page of <c>RestChangeset</c>, the commits
/// mentioning the key in repositories the caller can read, newest first; <c>maxChanges</c> (0–100,
/// default 10) caps the changes listed with each.
/// </summary>
internal static class IssueCommitEndpoints
{
    public static RouteGroupBuilder MapIssueCommitEndpoints(this RouteGroupBuilder jira)
    {
        jira.MapGet("/issues/{issueKey}/commits", ListAsync);
        return jira;
    }

    private static async Task<RestPage<RestChangeset>> ListAsync(
        HttpContext http, IssueCommits commits, CommitRestMapper commitMapper, RestMapper mapper, LinkBuilder links,
        string issueKey, string? maxChanges, int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var page = await commits.ListAsync(principal, issueKey, MaxChanges(maxChanges), PageRequest.Create(start, limit), http.RequestAborted);
        var restCommits = await commitMapper.ToRestAsync(page.Values.Select(v => v.Commit).ToList(), http.RequestAborted);
        var values = page.Values.Select((v, i) =>
        {
            var (repository, project) = (v.Repository.Repository, v.Repository.Project);
            var commitPath = $"/projects/{project.Key}/repos/{repository.Slug}/commits/{v.Commit.Id}";
            var changes = v.Changes.Page;
            var restChanges = changes.Values.Select(c => RestChange.From(c, links.Self(commitPath + "#" + Uri.EscapeDataString(c.Path.ToString())))).ToList();
            return new RestChangeset(
                v.Commit.Parents.Count == 0 ? null : CommitRestMapper.Minimal(v.Commit.Parents[0]),
                restCommits[i],
                new RestPage<RestChange>(restChanges.Count, changes.Request.Limit, changes.IsLastPage, 0, changes.NextPageStart, restChanges),
                mapper.Repository(repository, mapper.Project(project), principal),
                links.Self(commitPath));
        }).ToList();
        return new RestPage<RestChangeset>(values.Count, page.Request.Limit, page.IsLastPage, page.Request.Start, page.NextPageStart, values);
    }

    private static int MaxChanges(string? text)
    {
        if (text is null)
        {
            return IssueCommits.DefaultMaxChanges;
        }

        return DecimalDigits.TryParse(text, out int value) && value <= IssueCommits.MaxMaxChanges
            ? value
            : throw GitHostException.Invalid($"maxChanges must be a whole number from 0 to {IssueCommits.MaxMaxChanges}.", "maxChanges");
    }
}
