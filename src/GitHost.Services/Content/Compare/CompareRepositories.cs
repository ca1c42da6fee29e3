using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Core.Parsing;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Git.Reading;
using GitHost.Git.Storage;
using GitHost.Services.Content.Files;
using GitHost.Services.Permissions;
using GitHost.Services.PullRequests;
using GitHost.Services.Repositories;
using LibGit2Sharp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitHost.Services.Content.Compare;

/// <summary>
/// Opens the repository a <c>compare/*</c> request names, and brings in the source commit when
/// <c>fromRepo</c> names another repository of the same fork hierarchy, as Bitbucket takes it: a
/// repository id (<c>fromRepo=42</c>) or <c>PROJECT/slug</c>. The caller must be able to read both;
/// what they cannot read does not exist for them (404). Only the one commit and what it lacks is
/// fetched, by id, into the target's object store; no ref points at it, so housekeeping prunes it
/// in time as it prunes any unreachable object.
/// </summary>
public sealed partial class CompareRepositories(
    RepositoryLookup lookup, GitHostDbContext db, GitRepositoryOpener opener, RepositoryLayout layout, PullRequestGit prGit, ILogger<CompareRepositories> logger)
{
    private const int MaxFromRepoLength = 256;

    public async Task<CompareScope> OpenAsync(
        Principal principal, string projectKey, string slug, string? from, string? to, string? fromRepo, CancellationToken cancellationToken)
    {
        var target = await lookup.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var targetId = target.Repository.Id;
        if (!string.IsNullOrEmpty(fromRepo))
        {
            var source = await FindSourceAsync(principal, fromRepo, cancellationToken);
            if (source.Repository.Id != targetId)
            {
                if (source.Repository.HierarchyId != target.Repository.HierarchyId)
                {
                    throw GitHostException.Invalid(
                        $"fromRepo {source.Project.Key}/{source.Repository.Slug} is not a fork of {projectKey}/{slug} nor shares its origin: compare within one fork hierarchy.",
                        "fromRepo");
                }

                from = await BringSourceAsync(source.Repository.Id, targetId, from, cancellationToken);
            }
        }

        var repository = new OpenedRepository(target, opener.Open(targetId), layout.PathOf(targetId));
        return new CompareScope(repository, from, to);
    }

    /// <summary>Resolves <paramref name="from"/> in the fork (default: its default branch) and copies the commit over when the target lacks it.</summary>
    private async Task<string> BringSourceAsync(long sourceId, long targetId, string? from, CancellationToken cancellationToken)
    {
        string sha;
        using (var source = opener.Open(sourceId))
        {
            sha = CommitResolver.Resolve(source, from, "from").Sha;
        }

        using (var target = opener.Open(targetId))
        {
            if (target.Lookup<Commit>(new ObjectId(sha)) is not null)
            {
                return sha;
            }
        }

        Log.FetchingForkCommit(logger, sha, sourceId, targetId);
        await prGit.FetchFromForkAsync(targetId, sourceId, sha, cancellationToken);
        return sha;
    }

    private async Task<RepositoryWithProject> FindSourceAsync(Principal principal, string fromRepo, CancellationToken cancellationToken)
    {
        if (fromRepo.Length > MaxFromRepoLength)
        {
            throw GitHostException.Invalid("fromRepo is too long: give a repository id or PROJECT/slug.", "fromRepo");
        }

        var slash = fromRepo.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && slash < fromRepo.Length - 1 && fromRepo.IndexOf('/', slash + 1) < 0)
        {
            return await lookup.FindVisibleAsync(principal, fromRepo[..slash], fromRepo[(slash + 1)..], cancellationToken);
        }

        if (!DecimalDigits.TryParse(fromRepo, out long id))
        {
            throw GitHostException.Invalid($"'{Printable(fromRepo)}' is not a repository: give its id (fromRepo=42) or PROJECT/slug.", "fromRepo");
        }

        var names = await db.Repositories.AsNoTracking()
            .Where(r => r.Id == id)
            .Join(db.Projects, r => r.ProjectId, p => p.Id, (r, p) => new { p.Key, r.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (names is null)
        {
            throw principal.IsAuthenticated
                ? new GitHostException(FailureKind.NotFound, $"Repository {id} does not exist.", "fromRepo", BitbucketExceptionNames.NoSuchRepository)
                : GitHostException.HiddenFromAnonymous();
        }

        return await lookup.FindVisibleAsync(principal, names.Key, names.Slug, cancellationToken);
    }

    private static string Printable(string value) => new(value.Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static partial class Log
    {
        [LoggerMessage(EventId = 5110, Level = LogLevel.Information, Message = "Fetching commit {CommitId} from fork {SourceRepositoryId} into {TargetRepositoryId} to compare them")]
        public static partial void FetchingForkCommit(ILogger logger, string commitId, long sourceRepositoryId, long targetRepositoryId);
    }
}
