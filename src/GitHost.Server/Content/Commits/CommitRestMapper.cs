using GitHost.Core.Paging;
using GitHost.Data.Users;
using GitHost.Server.Rest;
using GitHost.Services.Content.Commits;

namespace GitHost.Server.Content.Commits;

/// <summary>Commits to their wire form; authors are matched to users once per page (one query).</summary>
internal sealed class CommitRestMapper(CommitAuthors authors, RestMapper mapper)
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
