using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Insights;
using GitHost.Git.Reading;
using GitHost.Services.Builds;
using GitHost.Services.Builds.Conditions;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using GitHost.Services.PullRequests;
using GitHost.Services.Repositories;
using LibGit2Sharp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Insights;

/// <summary>
/// Code Insights reports on a repository's commits (<c>/rest/insights/1.0/.../commits/{sha}/reports</c>):
/// any repository reader who signed in posts them (scanners run as read-only bots); only the
/// report's creator, or a repository administrator, replaces or deletes one.
/// </summary>
public sealed class InsightReports(
    GitHostDbContext db, RepositoryLookup repositories, PermissionService permissions, GitRepositoryOpener opener,
    IMergeCheckInputs mergeCheckInputs, EpochClock clock, ILogger<InsightReports> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<InsightReportEntity> PutAsync(
        Principal principal, string projectKey, string slug, string commitId, string key, InsightReportInput input, CancellationToken cancellationToken)
    {
        var (repository, sha) = await WritableAsync(principal, projectKey, slug, commitId, cancellationToken);
        var reportKey = InsightValidation.Key(key);
        var result = input.Validate();
        DemandCommit(repository.Repository.Id, sha);
        var now = clock.NowMs();
        var report = await db.InsightReports.FirstOrDefaultAsync(
            r => r.RepositoryId == repository.Repository.Id && r.CommitId == sha && r.Key == reportKey, cancellationToken);
        if (report is null)
        {
            report = new InsightReportEntity { RepositoryId = repository.Repository.Id, CommitId = sha, Key = reportKey, CreatorId = principal.UserId, CreatedDate = now };
            db.InsightReports.Add(report);
        }
        else
        {
            await DemandCreatorAsync(principal, repository, report, cancellationToken);
        }

        report.Title = input.Title!;
        report.Details = input.Details;
        report.Result = result;
        report.Data = JsonSerializer.Serialize(input.Data ?? [], Json);
        report.Reporter = input.Reporter;
        report.Link = input.Link;
        report.LogoUrl = input.LogoUrl;
        report.UpdatedDate = now;
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ReportStored(logger, reportKey, sha, repository.Repository.Id, principal.UserId);
        await mergeCheckInputs.CommitChangedAsync(sha, cancellationToken);
        return report;
    }

    public async Task<InsightReportEntity> GetAsync(Principal principal, string projectKey, string slug, string commitId, string key, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return await FindAsync(repository.Repository.Id, BuildStatusValidation.CommitId(commitId), key, tracked: false, cancellationToken);
    }

    public async Task<Page<InsightReportEntity>> ListAsync(Principal principal, string projectKey, string slug, string commitId, PageRequest page, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var sha = BuildStatusValidation.CommitId(commitId);
        var all = await db.InsightReports.AsNoTracking()
            .Where(r => r.RepositoryId == repository.Repository.Id && r.CommitId == sha)
            .ToListAsync(cancellationToken);
        return Page<InsightReportEntity>.From(all.OrderByDescending(r => r.CreatedDate).ThenBy(r => r.Key, StringComparer.Ordinal), page);
    }

    /// <summary>Deletes the report and its annotations.</summary>
    public async Task DeleteAsync(Principal principal, string projectKey, string slug, string commitId, string key, CancellationToken cancellationToken)
    {
        var (repository, sha) = await WritableAsync(principal, projectKey, slug, commitId, cancellationToken);
        var report = await FindAsync(repository.Repository.Id, sha, key, tracked: true, cancellationToken);
        await DemandCreatorAsync(principal, repository, report, cancellationToken);
        db.InsightReports.Remove(report);
        await db.SaveChangesAsync(cancellationToken);
        ConditionLog.ReportDeleted(logger, report.Key, sha, repository.Repository.Id, principal.UserId);
        await mergeCheckInputs.CommitChangedAsync(sha, cancellationToken);
    }

    /// <summary>The report a change to annotations goes to, after the same checks as replacing it.</summary>
    internal async Task<InsightReportEntity> ForAnnotationChangeAsync(
        Principal principal, string projectKey, string slug, string commitId, string key, CancellationToken cancellationToken)
    {
        var (repository, sha) = await WritableAsync(principal, projectKey, slug, commitId, cancellationToken);
        var report = await FindAsync(repository.Repository.Id, sha, key, tracked: false, cancellationToken);
        await DemandCreatorAsync(principal, repository, report, cancellationToken);
        return report;
    }

    internal async Task<InsightReportEntity> FindAsync(long repositoryId, string sha, string key, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.InsightReports : db.InsightReports.AsNoTracking();
        return await query.FirstOrDefaultAsync(r => r.RepositoryId == repositoryId && r.CommitId == sha && r.Key == key, cancellationToken)
            ?? throw new GitHostException(FailureKind.NotFound, $"No report with key '{key}' exists for commit {sha}.");
    }

    private async Task<(RepositoryWithProject Repository, string Sha)> WritableAsync(
        Principal principal, string projectKey, string slug, string commitId, CancellationToken cancellationToken)
    {
        if (!principal.IsAuthenticated)
        {
            throw GitHostException.AuthenticationRequired();
        }

        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return (repository, BuildStatusValidation.CommitId(commitId));
    }

    private async Task DemandCreatorAsync(Principal principal, RepositoryWithProject repository, InsightReportEntity report, CancellationToken cancellationToken)
    {
        if (report.CreatorId != principal.UserId
            && await permissions.RepositoryLevelAsync(principal, repository.Repository, repository.Project, cancellationToken) < Permission.RepoAdmin)
        {
            throw new GitHostException(FailureKind.Unauthorized, $"Only the user who created report '{report.Key}', or a repository administrator, may change it.");
        }
    }

    private void DemandCommit(long repositoryId, string sha)
    {
        using var repo = opener.Open(repositoryId);
        if (repo.Lookup<Commit>(sha) is null)
        {
            throw new GitHostException(FailureKind.Invalid, $"Commit {sha} does not exist in this repository; post reports for commits that were pushed.", "commitId");
        }
    }
}
