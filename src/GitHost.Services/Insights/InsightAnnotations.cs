using GitHost.Core.Failures;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Builds;
using GitHost.Services.Common;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Insights;

/// <summary>
/// Annotations of Code Insights reports. As in Bitbucket a report holds at most 1000, a request
/// that would pass that stores nothing, and nothing is de-duplicated (reruns delete first), except
/// that putting an annotation by external id replaces the one with that id.
/// </summary>
public sealed class InsightAnnotations(GitHostDbContext db, RepositoryLookup repositories, InsightReports reports, EpochClock clock)
{
    public async Task AddAsync(
        Principal principal, string projectKey, string slug, string commitId, string key, IReadOnlyList<InsightAnnotationInput?>? annotations,
        CancellationToken cancellationToken)
    {
        if (annotations is null || annotations.Count == 0)
        {
            throw GitHostException.Invalid("Send at least one annotation: {\"annotations\": [...]}.", "annotations");
        }

        var report = await reports.ForAnnotationChangeAsync(principal, projectKey, slug, commitId, key, cancellationToken);
        var existing = await db.InsightAnnotations.CountAsync(a => a.ReportId == report.Id, cancellationToken);
        if (existing + annotations.Count > InsightValidation.MaxAnnotationsPerReport)
        {
            throw GitHostException.Invalid(
                $"A report has at most {InsightValidation.MaxAnnotationsPerReport} annotations; it has {existing} and this request adds {annotations.Count}.", "annotations");
        }

        var now = clock.NowMs();
        db.InsightAnnotations.AddRange(annotations.Select(a =>
            (a ?? throw GitHostException.Invalid("An annotation cannot be null.", "annotations")).ToEntity(report.Id, now)).ToList());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Creates the annotation with this external id, or replaces it.</summary>
    public async Task PutAsync(
        Principal principal, string projectKey, string slug, string commitId, string key, string externalId, InsightAnnotationInput input,
        CancellationToken cancellationToken)
    {
        var report = await reports.ForAnnotationChangeAsync(principal, projectKey, slug, commitId, key, cancellationToken);
        var entity = (input with { ExternalId = externalId }).ToEntity(report.Id, clock.NowMs());
        var replaced = await db.InsightAnnotations.Where(a => a.ReportId == report.Id && a.ExternalId == externalId).ToListAsync(cancellationToken);
        if (replaced.Count == 0 && await db.InsightAnnotations.CountAsync(a => a.ReportId == report.Id, cancellationToken) >= InsightValidation.MaxAnnotationsPerReport)
        {
            throw GitHostException.Invalid($"A report has at most {InsightValidation.MaxAnnotationsPerReport} annotations.", "annotations");
        }

        db.InsightAnnotations.RemoveRange(replaced);
        db.InsightAnnotations.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes the annotations with these external ids, or all of the report's when none are given.</summary>
    public async Task DeleteAsync(
        Principal principal, string projectKey, string slug, string commitId, string key, IReadOnlyList<string> externalIds, CancellationToken cancellationToken)
    {
        var report = await reports.ForAnnotationChangeAsync(principal, projectKey, slug, commitId, key, cancellationToken);
        var query = db.InsightAnnotations.Where(a => a.ReportId == report.Id);
        if (externalIds.Count > 0)
        {
            query = query.Where(a => a.ExternalId != null && externalIds.Contains(a.ExternalId));
        }

        await query.ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InsightAnnotation>> ForReportAsync(
        Principal principal, string projectKey, string slug, string commitId, string key, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var report = await reports.FindAsync(repository.Repository.Id, BuildStatusValidation.CommitId(commitId), key, tracked: false, cancellationToken);
        var rows = await db.InsightAnnotations.AsNoTracking().Where(a => a.ReportId == report.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return rows.Select(a => new InsightAnnotation(report.Key, a)).ToList();
    }

    public async Task<IReadOnlyList<InsightAnnotation>> ForCommitAsync(
        Principal principal, string projectKey, string slug, string commitId, AnnotationFilter filter, CancellationToken cancellationToken)
    {
        var repository = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var sha = BuildStatusValidation.CommitId(commitId);
        var severities = filter.Severities.Select(InsightValidation.Severity).ToList();
        var types = filter.Types.Select(t => InsightValidation.Type(t)!.Value).ToList();
        var rows = await (
                from report in db.InsightReports.AsNoTracking()
                join annotation in db.InsightAnnotations.AsNoTracking() on report.Id equals annotation.ReportId
                where report.RepositoryId == repository.Repository.Id && report.CommitId == sha
                orderby annotation.Id
                select new { report.Key, Annotation = annotation })
            .ToListAsync(cancellationToken);
        return rows
            .Where(r => filter.ReportKeys.Count == 0 || filter.ReportKeys.Contains(r.Key, StringComparer.Ordinal))
            .Where(r => filter.ExternalIds.Count == 0 || (r.Annotation.ExternalId is { } id && filter.ExternalIds.Contains(id, StringComparer.Ordinal)))
            .Where(r => filter.Paths.Count == 0 || (r.Annotation.Path is { } path && filter.Paths.Contains(path, StringComparer.Ordinal)))
            .Where(r => severities.Count == 0 || severities.Contains(r.Annotation.Severity))
            .Where(r => types.Count == 0 || (r.Annotation.Type is { } type && types.Contains(type)))
            .Select(r => new InsightAnnotation(r.Key, r.Annotation))
            .ToList();
    }
}
