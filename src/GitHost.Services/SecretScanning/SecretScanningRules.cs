using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.SecretScanning;
using GitHost.Services.Audit;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// Secret-scanning rules and allowlist rules of one scope (<c>.../secret-scanning/rules</c> and
/// <c>.../secret-scanning/allowlist</c>): search by name, get, create, edit, delete. A scope lists only
/// its own rules; scanning combines global, project and repository rules.
/// </summary>
public sealed partial class SecretScanningRules(
    GitHostDbContext db, SecretRuleScopes scopes, SecretPatterns patterns, AuditWriter audit, ILogger<SecretScanningRules> logger)
{
    public async Task<Page<SecretScanningRuleEntity>> SearchAsync(
        Principal principal, string? projectKey, string? slug, bool allowlist, string? filter, bool descending, PageRequest page, CancellationToken cancellationToken)
    {
        var scope = await scopes.AdministeredAsync(principal, projectKey, slug, cancellationToken);
        var query = InScope(scope, allowlist).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var text = filter.Trim().ToLowerInvariant();
            query = query.Where(r => r.Name.ToLower().Contains(text));
        }

        var ordered = descending ? query.OrderByDescending(r => r.Name).ThenByDescending(r => r.Id) : query.OrderBy(r => r.Name).ThenBy(r => r.Id);
        return await ordered.ToPageAsync(page, cancellationToken);
    }

    public async Task<SecretScanningRuleEntity> GetAsync(
        Principal principal, string? projectKey, string? slug, bool allowlist, long id, CancellationToken cancellationToken)
    {
        var scope = await scopes.AdministeredAsync(principal, projectKey, slug, cancellationToken);
        return await FindAsync(scope, allowlist, id, cancellationToken);
    }

    public async Task<SecretScanningRuleEntity> CreateAsync(
        Principal principal, string? projectKey, string? slug, bool allowlist, SecretRuleInput input, CancellationToken cancellationToken)
    {
        var scope = await scopes.AdministeredAsync(principal, projectKey, slug, cancellationToken);
        var entity = new SecretScanningRuleEntity
        {
            Allowlist = allowlist,
            ScopeType = scope.Type,
            ProjectId = scope.ProjectId,
            RepositoryId = scope.RepositoryId,
        };
        input.ApplyTo(entity, patterns);
        // The record names the rule's id, which exists only after the insert: two saves, one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SecretScanningRules.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(AuditAction.SecretScanningRuleCreated, scope.Rule(entity), after: AuditState(entity));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.RuleSaved(logger, entity.Id, allowlist, scope.Type.ToString(), scope.ResourceId, principal.UserId);
        return entity;
    }

    public async Task<SecretScanningRuleEntity> UpdateAsync(
        Principal principal, string? projectKey, string? slug, bool allowlist, long id, SecretRuleInput input, CancellationToken cancellationToken)
    {
        var scope = await scopes.AdministeredAsync(principal, projectKey, slug, cancellationToken);
        var entity = await FindAsync(scope, allowlist, id, cancellationToken);
        var before = AuditState(entity);
        input.ApplyTo(entity, patterns);
        audit.Record(AuditAction.SecretScanningRuleModified, scope.Rule(entity), before, AuditState(entity));
        await db.SaveChangesAsync(cancellationToken);
        Log.RuleSaved(logger, entity.Id, allowlist, scope.Type.ToString(), scope.ResourceId, principal.UserId);
        return entity;
    }

    public async Task DeleteAsync(Principal principal, string? projectKey, string? slug, bool allowlist, long id, CancellationToken cancellationToken)
    {
        var scope = await scopes.AdministeredAsync(principal, projectKey, slug, cancellationToken);
        var entity = await FindAsync(scope, allowlist, id, cancellationToken);
        db.SecretScanningRules.Remove(entity);
        audit.Record(AuditAction.SecretScanningRuleDeleted, scope.Rule(entity), before: AuditState(entity));
        await db.SaveChangesAsync(cancellationToken);
        Log.RuleDeleted(logger, id, allowlist, scope.Type.ToString(), scope.ResourceId, principal.UserId);
    }

    private static object AuditState(SecretScanningRuleEntity rule) => new
    {
        rule.Name, rule.LineRegex, rule.PathRegex, action = rule.Action.ToString(), rule.MinEntropy, rule.Allowlist,
    };

    private IQueryable<SecretScanningRuleEntity> InScope(SecretRuleScope scope, bool allowlist) =>
        db.SecretScanningRules.Where(r => r.Allowlist == allowlist && r.ScopeType == scope.Type
            && r.ProjectId == scope.ProjectId && r.RepositoryId == scope.RepositoryId);

    private async Task<SecretScanningRuleEntity> FindAsync(SecretRuleScope scope, bool allowlist, long id, CancellationToken cancellationToken) =>
        await InScope(scope, allowlist).FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
        ?? throw new GitHostException(FailureKind.NotFound, $"No secret scanning {(allowlist ? "allowlist rule" : "rule")} with id {id} exists here.");

    private static partial class Log
    {
        [LoggerMessage(EventId = 6200, Level = LogLevel.Information,
            Message = "Secret scanning rule {RuleId} (allowlist {Allowlist}) saved at {Scope} {ResourceId} by {UserId}")]
        public static partial void RuleSaved(ILogger logger, long ruleId, bool allowlist, string scope, long? resourceId, long? userId);

        [LoggerMessage(EventId = 6201, Level = LogLevel.Information,
            Message = "Secret scanning rule {RuleId} (allowlist {Allowlist}) deleted at {Scope} {ResourceId} by {UserId}")]
        public static partial void RuleDeleted(ILogger logger, long ruleId, bool allowlist, string scope, long? resourceId, long? userId);
    }
}
