using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Repositories;
using GitHost.Git.Commands;
using GitHost.Git.Reading;
using GitHost.Git.Storage;
using GitHost.Services.Content;
using GitHost.Services.Content.Changes;
using GitHost.Services.Content.Commits;
using GitHost.Services.Content.Files;
using GitHost.Services.Permissions;
using LibGit2Sharp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitHost.Services.PullRequests.Issues;

/// <summary>
/// <c>/rest/jira/1.0/issues/{key}/commits</c>: commits on branches and tags whose message mentions an
/// issue key, in the repositories the caller can read, newest first. Bitbucket answers from an index
/// its Jira link fills; GitHost has none, so it asks git (<c>rev-list --grep</c>) and bounds the work:
/// at most <see cref="JiraOptions.MaxSearchedRepositories"/> repositories (lowest id first) and
/// <see cref="JiraOptions.MaxIssueCommits"/> commits before sorting and paging.
/// </summary>
public sealed partial class IssueCommits(
    GitHostDbContext db, PermissionService permissions, BareRepositoryStore store, GitRepositoryOpener opener, GitCommandRunner git,
    ChangesService changes, IOptions<JiraOptions> options, ILogger<IssueCommits> logger)
{
    public const int DefaultMaxChanges = 10;
    public const int MaxMaxChanges = 100;

    public async Task<Page<IssueCommit>> ListAsync(Principal principal, string issueKey, int maxChanges, PageRequest page, CancellationToken cancellationToken)
    {
        if (!IssueKeys.IsKey(issueKey))
        {
            throw GitHostException.Invalid($"'{Shorten(issueKey)}' is not a Jira issue key such as ABC-123.", "issueKey");
        }

        var limits = options.Value;
        var readable = await RepositoryVisibility.QueryAsync(db, permissions, principal, Permission.RepoRead, cancellationToken);
        var repositories = await readable.Where(x => x.Repository.State == RepositoryState.Available)
            .OrderBy(x => x.Repository.Id).Take(limits.MaxSearchedRepositories).ToListAsync(cancellationToken);
        var found = new List<(RepositoryWithProject Repository, CommitView Commit)>();
        foreach (var repository in repositories)
        {
            if (found.Count >= limits.MaxIssueCommits)
            {
                break;
            }

            foreach (var commit in await SearchAsync(repository.Repository.Id, issueKey, limits.MaxIssueCommits - found.Count, cancellationToken))
            {
                found.Add((repository, commit));
            }
        }

        var selected = Page<(RepositoryWithProject Repository, CommitView Commit)>.From(
            found.OrderByDescending(f => f.Commit.CommitterTimestamp).ThenBy(f => f.Repository.Repository.Id).ThenBy(f => f.Commit.Id, StringComparer.Ordinal),
            page);
        var values = new List<IssueCommit>();
        // A page's commits often share a repository: each is opened once for the page.
        var opened = new Dictionary<long, OpenedRepository>();
        try
        {
            foreach (var (repository, commit) in selected.Values)
            {
                var id = repository.Repository.Id;
                if (!opened.TryGetValue(id, out var git))
                {
                    opened[id] = git = new OpenedRepository(repository, opener.Open(id), store.PathOf(id));
                }

                var range = DiffRange.Since(git.Git, git.Git.Lookup<Commit>(commit.Id), null);
                values.Add(new IssueCommit(repository, commit, await changes.ListAsync(git, range, new PageRequest(0, maxChanges), cancellationToken)));
            }
        }
        finally
        {
            foreach (var git in opened.Values)
            {
                git.Dispose();
            }
        }

        return new Page<IssueCommit>(values, page, selected.IsLastPage);
    }

    /// <summary>
    /// The newest commits of one repository mentioning the key. The key is <c>[A-Z][A-Z0-9_]+-[0-9]+</c>,
    /// so it holds no regular expression syntax; git's match is checked again with <see cref="IssueKeys"/>.
    /// </summary>
    private async Task<IReadOnlyList<CommitView>> SearchAsync(long repositoryId, string issueKey, int max, CancellationToken cancellationToken)
    {
        var result = await git.Command("rev-list", "--extended-regexp", "--max-count=" + max.ToString(CultureInfo.InvariantCulture))
            .GitDir(store.PathOf(repositoryId))
            .OptionWithValue("--grep=", "(^|[^A-Za-z0-9_])" + issueKey + "([^0-9]|$)")
            .Option("--branches").Option("--tags")
            .RunAsync(cancellationToken);
        if (!result.Succeeded)
        {
            Log.SearchFailed(logger, repositoryId, result.ExitCode);
            return [];
        }

        var ids = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length == 0)
        {
            return [];
        }

        using var repository = opener.Open(repositoryId);
        return ids.Select(id => repository.Lookup<Commit>(id))
            .Where(c => c is not null && IssueKeys.Mentions(c.Message, issueKey))
            .Select(CommitView.From)
            .ToList();
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 64 ? text[..64] + "…" : text;

    private static partial class Log
    {
        [LoggerMessage(EventId = 6710, Level = LogLevel.Warning,
            Message = "Searching repository {RepositoryId} for an issue key failed (git exit {ExitCode}); it is left out of the answer")]
        public static partial void SearchFailed(ILogger logger, long repositoryId, int exitCode);
    }
}
