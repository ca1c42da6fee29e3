using GitHost.Core.Paging;
using GitHost.Data.Users;
using GitHost.Server.Rest;
using GitHost.Services.Content.Commits;

namespace GitHost.Server.Content.Commits;

/// <summary>Commits and changes to their wire forms; authors are matched to users once per page (one query).</summary>
internal sealed class CommitRestMapper(CommitAuthors authors, RestMapper mapper, LinkBuilder links)
{
    public const int DisplayIdLength = 11;

    public async Task<IReadOnlyList<RestCommit>> ToRestAsync(IReadOnlyList<CommitView> commits, CancellationToken cancellationToken)
    {
        var users = await authors.ByEmailAsync(commits, cancellationToken);
        return commits.Select(c => ToRest(c, users)).ToList();
    }

    public async Task<RestCommit> ToRestAsync(CommitView commit, CancellationToken cancellationToken) =>
        (await ToRestAsync([commit], cancellationToken))[0];

    public async Task<RestCommitPage> ToRestAsync(CommitPage page, CancellationToken cancellationToken)
    {
        var p = page.Page;
        var values = await ToRestAsync(p.Values, cancellationToken);
        return new RestCommitPage(p.Values.Count, p.Request.Limit, p.IsLastPage, p.Request.Start, p.NextPageStart, values, page.AuthorCount, page.TotalCount);
    }

    public async Task<RestPage<RestCommit>> ToRestAsync(Page<CommitView> page, CancellationToken cancellationToken)
    {
        var values = await ToRestAsync(page.Values, cancellationToken);
        return new RestPage<RestCommit>(values.Count, page.Request.Limit, page.IsLastPage, page.Request.Start, page.NextPageStart, values);
    }

    public RestChangePage ToRest(ChangePage page, string projectKey, string slug)
    {
        var p = page.Page;
        var commitLink = $"/projects/{projectKey}/repos/{slug}/commits/{page.ToHash}";
        var values = p.Values.Select(c => new RestChange(
            c.ContentId,
            c.FromContentId,
            RestPath.From(c.Path),
            c.SrcPath is null ? null : RestPath.From(c.SrcPath),
            c.Executable,
            c.SrcExecutable,
            c.PercentUnchanged,
            c.Type,
            c.NodeType,
            new Dictionary<string, string> { ["gitChangeType"] = c.Type },
            links.Self(commitLink + "#" + Uri.EscapeDataString(c.Path)))).ToList();
        return new RestChangePage(page.FromHash, page.ToHash, new Dictionary<string, object>(),
            values.Count, p.Request.Limit, p.IsLastPage, p.Request.Start, p.NextPageStart, values);
    }

    public static RestMinimalCommit Minimal(string id) => new(id, id[..Math.Min(DisplayIdLength, id.Length)]);

    private RestCommit ToRest(CommitView commit, IReadOnlyDictionary<string, UserEntity> users) => new(
        commit.Id,
        Minimal(commit.Id).DisplayId,
        Person(commit.AuthorName, commit.AuthorEmail, users),
        commit.AuthorTimestamp,
        Person(commit.CommitterName, commit.CommitterEmail, users),
        commit.CommitterTimestamp,
        commit.Message,
        commit.Parents.Select(Minimal).ToList());

    private RestPerson Person(string name, string email, IReadOnlyDictionary<string, UserEntity> users)
    {
        if (!users.TryGetValue(email, out var user))
        {
            return new RestPerson(name, email);
        }

        var rest = mapper.User(user);
        return new RestPerson(rest.Name, rest.EmailAddress ?? email, rest.Id, rest.DisplayName, rest.Active, rest.Slug, rest.Type, rest.Links);
    }
}
