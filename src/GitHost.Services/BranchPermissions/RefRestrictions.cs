using GitHost.Core.BranchPermissions;
using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.PullRequests;
using GitHost.Core.RefMatching;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.BranchPermissions;
using GitHost.Data.PullRequests;
using GitHost.Services.Audit;
using GitHost.Services.Builds.Conditions;
using GitHost.Services.Common;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.BranchPermissions;

/// <summary>
/// Branch permissions of a project or repository (<c>/rest/branch-permissions/2.0</c>): listed,
/// created (one or in bulk, all or nothing), read and deleted by an administrator of the scope, as
/// Bitbucket requires. A repository's list holds its own restrictions; its project's apply as well.
/// </summary>
public sealed partial class RefRestrictions(
    GitHostDbContext db, ProjectLookup projects, RepositoryLookup repositories, EpochClock clock, AuditWriter audit, ILogger<RefRestrictions> logger)
{
    public const int MaxBulk = 500;
    public const int MaxPerScope = 1000;
    public const int MaxExempt = 200;
    public const int MaxNameLength = 255;

    public async Task<Page<RefRestrictionView>> ListAsync(
        Principal principal, string projectKey, string? slug, string? type, string? matcherType, string? matcherId, PageRequest page,
        CancellationToken cancellationToken)
    {
        var (scope, scopeId, _) = await AdminScopeAsync(principal, projectKey, slug, cancellationToken);
        var query = db.RefRestrictions.AsNoTracking().Where(r => r.ScopeType == scope && r.ScopeId == scopeId);
        if (!string.IsNullOrWhiteSpace(type))
        {
            var parsed = RefRestrictionTypeIds.TryParse(type, out var t) ? t
                : throw GitHostException.Invalid($"'{Printable(type)}' is not a restriction type; use {RefRestrictionTypeIds.All}.", "type");
            query = query.Where(r => r.Type == parsed);
        }

        if (!string.IsNullOrWhiteSpace(matcherId) && string.IsNullOrWhiteSpace(matcherType))
        {
            throw GitHostException.Invalid("matcherId needs matcherType too.", "matcherType");
        }

        if (!string.IsNullOrWhiteSpace(matcherType))
        {
            if (!RefMatcherTypeIds.TryParse(matcherType, out var mt))
            {
                throw GitHostException.Invalid($"'{Printable(matcherType)}' is not a matcher type; use BRANCH, PATTERN, MODEL_CATEGORY, MODEL_BRANCH or ANY_REF.", "matcherType");
            }

            query = query.Where(r => r.MatcherType == mt);
            if (!string.IsNullOrWhiteSpace(matcherId))
            {
                var id = new RefMatcherInput(matcherId, matcherType).Parse("matcherId").Id;
                query = query.Where(r => r.MatcherId == id);
            }
        }

        var rows = await query.Include(r => r.Exemptions).OrderBy(r => r.Id).Skip(page.Start).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var isLast = rows.Count <= page.Limit;
        var views = await ViewsAsync(rows.Take(page.Limit).ToList(), cancellationToken);
        return new Page<RefRestrictionView>(views, page, isLast);
    }

    public async Task<RefRestrictionView> GetAsync(Principal principal, string projectKey, string? slug, long id, CancellationToken cancellationToken)
    {
        var (scope, scopeId, _) = await AdminScopeAsync(principal, projectKey, slug, cancellationToken);
        var row = await db.RefRestrictions.AsNoTracking().Include(r => r.Exemptions)
            .FirstOrDefaultAsync(r => r.Id == id && r.ScopeType == scope && r.ScopeId == scopeId, cancellationToken) ?? throw NotFound(id);
        return (await ViewsAsync([row], cancellationToken))[0];
    }

    /// <summary>Creates every restriction or, if one of them is invalid, none (400 naming the first bad one).</summary>
    public async Task<IReadOnlyList<RefRestrictionView>> CreateAsync(
        Principal principal, string projectKey, string? slug, IReadOnlyList<RefRestrictionInput> inputs, CancellationToken cancellationToken)
    {
        var (scope, scopeId, place) = await AdminScopeAsync(principal, projectKey, slug, cancellationToken);
        if (inputs.Count == 0)
        {
            throw GitHostException.Invalid("Send at least one restriction.");
        }

        if (inputs.Count > MaxBulk)
        {
            throw new GitHostException(FailureKind.Invalid, $"At most {MaxBulk} restrictions can be created in one request; {inputs.Count} were sent. Send them in smaller batches.");
        }

        var existing = await db.RefRestrictions.CountAsync(r => r.ScopeType == scope && r.ScopeId == scopeId, cancellationToken);
        if (existing + inputs.Count > MaxPerScope)
        {
            throw GitHostException.Invalid($"A project or repository can have at most {MaxPerScope} restrictions; this one has {existing}. Delete some, or use patterns.");
        }

        var now = clock.NowMs();
        var entities = new List<RefRestrictionEntity>(inputs.Count);
        foreach (var input in inputs)
        {
            entities.Add(await ToEntityAsync(input, scope, scopeId, now, cancellationToken));
        }

        // Each record names its restriction's id, which exists only after the insert: two saves, one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.RefRestrictions.AddRange(entities);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var entity in entities)
        {
            audit.Record(AuditAction.BranchPermissionCreated, Subject(place, entity), after: AuditState(entity));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var entity in entities)
        {
            Log.Created(logger, entity.Id, RefRestrictionTypeIds.ToId(entity.Type), scope.ToString(), scopeId, principal.UserId);
        }

        return await ViewsAsync(entities, cancellationToken);
    }

    public async Task DeleteAsync(Principal principal, string projectKey, string? slug, long id, CancellationToken cancellationToken)
    {
        var (scope, scopeId, place) = await AdminScopeAsync(principal, projectKey, slug, cancellationToken);
        var entity = await db.RefRestrictions.Include(r => r.Exemptions)
            .FirstOrDefaultAsync(r => r.Id == id && r.ScopeType == scope && r.ScopeId == scopeId, cancellationToken) ?? throw NotFound(id);
        db.RefRestrictions.Remove(entity);
        audit.Record(AuditAction.BranchPermissionDeleted, Subject(place, entity), before: AuditState(entity));
        await db.SaveChangesAsync(cancellationToken);

        Log.Deleted(logger, id, scope.ToString(), scopeId, principal.UserId);
    }

    private async Task<(SettingsScope Scope, long ScopeId, AuditSubject Place)> AdminScopeAsync(
        Principal principal, string projectKey, string? slug, CancellationToken cancellationToken)
    {
        if (slug is null)
        {
            var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
            return (SettingsScope.Project, project.Id, AuditSubject.Project(project));
        }

        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        return (SettingsScope.Repository, repository.Repository.Id, AuditSubject.Repository(repository.Repository, repository.Project));
    }

    private static AuditSubject Subject(AuditSubject place, RefRestrictionEntity entity) =>
        place with { Type = "BRANCH_PERMISSION", Id = AuditSubject.Text(entity.Id), Name = RefRestrictionTypeIds.ToId(entity.Type) + " " + entity.MatcherId };

    private static object AuditState(RefRestrictionEntity entity) => new
    {
        type = RefRestrictionTypeIds.ToId(entity.Type),
        matcher = new { id = entity.MatcherId, type = entity.MatcherType.ToString() },
        exemptions = entity.Exemptions.Select(e => new { kind = e.Kind.ToString(), e.PrincipalId, e.GroupName }),
    };

    private async Task<RefRestrictionEntity> ToEntityAsync(
        RefRestrictionInput input, SettingsScope scope, long scopeId, long now, CancellationToken cancellationToken)
    {
        if (!RefRestrictionTypeIds.TryParse(input.Type, out var type))
        {
            throw GitHostException.Invalid($"'{Printable(input.Type)}' is not a restriction type; use {RefRestrictionTypeIds.All}.", "type");
        }

        var matcher = (input.Matcher ?? throw GitHostException.Invalid("A restriction needs a matcher: {\"id\": \"refs/heads/main\", \"type\": {\"id\": \"BRANCH\"}}.", "matcher"))
            .Parse("matcher");
        var entity = new RefRestrictionEntity
        {
            ScopeType = scope, ScopeId = scopeId, Type = type, MatcherType = matcher.Type, MatcherId = matcher.Id, CreatedDate = now,
        };
        foreach (var userId in await UserIdsAsync(input.Users, cancellationToken))
        {
            entity.Exemptions.Add(new RefRestrictionExemptionEntity { Kind = RefRestrictionExemptionKind.User, PrincipalId = userId });
        }

        foreach (var group in await GroupNamesAsync(input.Groups, cancellationToken))
        {
            entity.Exemptions.Add(new RefRestrictionExemptionEntity { Kind = RefRestrictionExemptionKind.Group, GroupName = group });
        }

        foreach (var keyId in await AccessKeyIdsAsync(input.AccessKeyIds, cancellationToken))
        {
            entity.Exemptions.Add(new RefRestrictionExemptionEntity { Kind = RefRestrictionExemptionKind.AccessKey, PrincipalId = keyId });
        }

        return entity;
    }

    private async Task<IReadOnlyList<long>> UserIdsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var wanted = Names(names, "users");
        if (wanted.Count == 0)
        {
            return [];
        }

        var upper = wanted.Select(n => n.ToUpperInvariant()).ToList();
        var lower = wanted.Select(n => n.ToLowerInvariant()).ToList();
        var found = await db.Users.AsNoTracking().Where(u => upper.Contains(u.NormalizedUserName!) || lower.Contains(u.Slug))
            .Select(u => new { u.Id, u.NormalizedUserName, u.Slug }).ToListAsync(cancellationToken);
        var missing = wanted.FirstOrDefault(n => !found.Any(u => u.NormalizedUserName == n.ToUpperInvariant() || u.Slug == n.ToLowerInvariant()));
        return missing is null
            ? found.Select(u => u.Id).Distinct().ToList()
            : throw GitHostException.Invalid($"No user '{Printable(missing)}' exists; exempt users by their name or slug.", "users");
    }

    private async Task<IReadOnlyList<string>> GroupNamesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var wanted = Names(names, "groups");
        if (wanted.Count == 0)
        {
            return [];
        }

        var normalized = wanted.Select(n => n.ToLowerInvariant()).ToList();
        var found = await db.Groups.AsNoTracking().Where(g => normalized.Contains(g.NormalizedName)).Select(g => new { g.Name, g.NormalizedName }).ToListAsync(cancellationToken);
        var missing = wanted.FirstOrDefault(n => !found.Any(g => g.NormalizedName == n.ToLowerInvariant()));
        return missing is null
            ? found.Select(g => g.Name).ToList()
            : throw GitHostException.Invalid($"No group '{Printable(missing)}' exists.", "groups");
    }

    private async Task<IReadOnlyList<long>> AccessKeyIdsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count > MaxExempt)
        {
            throw GitHostException.Invalid($"At most {MaxExempt} access keys can be exempt from one restriction.", "accessKeys");
        }

        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var found = await db.SshKeys.AsNoTracking().Where(k => wanted.Contains(k.Id) && k.UserId == null).Select(k => k.Id).ToListAsync(cancellationToken);
        var missing = wanted.Except(found).ToList();
        return missing.Count == 0
            ? found
            : throw GitHostException.Invalid($"No access key with id {missing[0]} exists.", "accessKeys");
    }

    private static List<string> Names(IReadOnlyList<string> names, string context)
    {
        if (names.Count > MaxExempt)
        {
            throw GitHostException.Invalid($"At most {MaxExempt} {context} can be exempt from one restriction.", context);
        }

        var trimmed = names.Select(n => n?.Trim() ?? "").ToList();
        var bad = trimmed.FirstOrDefault(n => n.Length == 0 || n.Length > MaxNameLength || n.Any(char.IsControl));
        return bad is null
            ? trimmed.Distinct(StringComparer.OrdinalIgnoreCase).ToList()
            : throw GitHostException.Invalid($"Each of {context} must be a name of 1 to {MaxNameLength} printable characters.", context);
    }

    private async Task<IReadOnlyList<RefRestrictionView>> ViewsAsync(IReadOnlyList<RefRestrictionEntity> rows, CancellationToken cancellationToken)
    {
        var exemptions = rows.SelectMany(r => r.Exemptions).ToList();
        var userIds = exemptions.Where(e => e.Kind == RefRestrictionExemptionKind.User).Select(e => e.PrincipalId!.Value).Distinct().ToList();
        var keyIds = exemptions.Where(e => e.Kind == RefRestrictionExemptionKind.AccessKey).Select(e => e.PrincipalId!.Value).Distinct().ToList();
        var users = userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var keys = keyIds.Count == 0 ? [] : await db.SshKeys.AsNoTracking().Where(k => keyIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, cancellationToken);
        return rows.Select(r => new RefRestrictionView(
            r.Id,
            r.Type,
            r.ScopeType,
            r.ScopeId,
            new RefMatcher(r.MatcherType, r.MatcherId),
            r.Exemptions.Where(e => e.Kind == RefRestrictionExemptionKind.User && users.ContainsKey(e.PrincipalId!.Value))
                .Select(e => users[e.PrincipalId!.Value]).ToList(),
            r.Exemptions.Where(e => e.Kind == RefRestrictionExemptionKind.Group).Select(e => e.GroupName!).ToList(),
            r.Exemptions.Where(e => e.Kind == RefRestrictionExemptionKind.AccessKey && keys.ContainsKey(e.PrincipalId!.Value))
                .Select(e => keys[e.PrincipalId!.Value]).ToList())).ToList();
    }

    private static GitHostException NotFound(long id) =>
        new(FailureKind.NotFound, $"No restriction with id {id} exists here.", exceptionName: BitbucketExceptionNames.NoSuchEntity);

    private static string Printable(string? value) => new((value ?? "").Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static partial class Log
    {
        [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Restriction {RestrictionId} ({Type}) created on {Scope} {ScopeId} by {UserId}")]
        public static partial void Created(ILogger logger, long restrictionId, string type, string scope, long scopeId, long? userId);

        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Restriction {RestrictionId} deleted from {Scope} {ScopeId} by {UserId}")]
        public static partial void Deleted(ILogger logger, long restrictionId, string scope, long scopeId, long? userId);
    }
}
