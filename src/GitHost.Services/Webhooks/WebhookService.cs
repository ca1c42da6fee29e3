using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Data.Webhooks;
using GitHost.Services.Audit;
using GitHost.Services.Common;
using GitHost.Services.Projects;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Webhooks;

/// <summary>
/// Webhooks of a project (PROJECT_ADMIN) or repository (REPO_ADMIN), as Bitbucket manages them.
/// A repository's <c>search</c> also shows the hooks it inherits from its project.
/// </summary>
public sealed partial class WebhookService(
    GitHostDbContext db, ProjectLookup projects, RepositoryLookup repositories, WebhookAddressPolicy addresses, EpochClock clock,
    AuditWriter audit, ILogger<WebhookService> logger)
{
    public async Task<WebhookTarget> AdministeredAsync(Principal principal, string projectKey, string? slug, CancellationToken cancellationToken)
    {
        if (slug is null)
        {
            var project = await projects.FindWithLevelAsync(principal, projectKey, Permission.ProjectAdmin, cancellationToken);
            return new WebhookTarget(SettingsScope.Project, project.Id, project.Id, AuditSubject.Project(project));
        }

        var repository = await repositories.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoAdmin, cancellationToken);
        return new WebhookTarget(SettingsScope.Repository, repository.Repository.Id, repository.Project.Id,
            AuditSubject.Repository(repository.Repository, repository.Project));
    }

    /// <param name="inherited">Also the project's hooks, for a repository target (<c>search</c>).</param>
    public async Task<IReadOnlyList<WebhookView>> ListAsync(WebhookTarget target, IReadOnlyCollection<string> events, bool inherited, CancellationToken cancellationToken)
    {
        var query = db.Webhooks.AsNoTracking();
        query = inherited && target.ScopeType == SettingsScope.Repository
            ? query.Where(w => (w.ScopeType == SettingsScope.Repository && w.ScopeId == target.ScopeId) || (w.ScopeType == SettingsScope.Project && w.ScopeId == target.ProjectId))
            : query.Where(w => w.ScopeType == target.ScopeType && w.ScopeId == target.ScopeId);
        var rows = await query.OrderByDescending(w => w.ScopeType).ThenBy(w => w.Id).ToListAsync(cancellationToken);
        return rows.Where(w => events.Count == 0 || events.Any(e => WebhookRow.Wants(w, WebhookEvents.Normalize(e) ?? e)))
            .Select(WebhookView.From).ToList();
    }

    public async Task<WebhookEntity> FindAsync(WebhookTarget target, long id, CancellationToken cancellationToken) =>
        await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id && w.ScopeType == target.ScopeType && w.ScopeId == target.ScopeId, cancellationToken)
        ?? throw new GitHostException(FailureKind.NotFound, $"Webhook {id} does not exist here.", exceptionName: "com.atlassian.bitbucket.webhook.NoSuchWebhookException");

    public async Task<WebhookView> CreateAsync(Principal principal, WebhookTarget target, WebhookInput input, CancellationToken cancellationToken)
    {
        var now = clock.NowMs();
        var entity = new WebhookEntity { ScopeType = target.ScopeType, ScopeId = target.ScopeId, CreatedDate = now };
        Apply(entity, input, creating: true, now);
        // The record names the hook's id, which exists only after the insert: two saves, one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Webhooks.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(AuditAction.WebhookCreated, target.Hook(entity.Id, entity.Name), after: AuditState(entity));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Saved(logger, entity.Id, target.ScopeType.ToString(), target.ScopeId, principal.UserId);
        return WebhookView.From(entity);
    }

    public async Task<WebhookView> UpdateAsync(Principal principal, WebhookTarget target, long id, WebhookInput input, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(target, id, cancellationToken);
        var before = AuditState(entity);
        Apply(entity, input, creating: false, clock.NowMs());
        audit.Record(AuditAction.WebhookModified, target.Hook(entity.Id, entity.Name), before, AuditState(entity));
        await db.SaveChangesAsync(cancellationToken);
        Log.Saved(logger, entity.Id, target.ScopeType.ToString(), target.ScopeId, principal.UserId);
        return WebhookView.From(entity);
    }

    public async Task DeleteAsync(Principal principal, WebhookTarget target, long id, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(target, id, cancellationToken);
        db.Webhooks.Remove(entity);
        audit.Record(AuditAction.WebhookDeleted, target.Hook(entity.Id, entity.Name), before: AuditState(entity));
        await db.SaveChangesAsync(cancellationToken);
        Log.Deleted(logger, id, principal.UserId);
    }

    /// <summary>What the audit log keeps of a hook: never its secret or password, only whether it has them.</summary>
    private static object AuditState(WebhookEntity entity) => new
    {
        entity.Name, entity.Url, entity.Events, entity.Active, entity.SslVerificationRequired,
        hasSecret = entity.Secret is not null, entity.Username,
    };

    /// <summary>A full replace, as Bitbucket's PUT, except that a missing <c>configuration.secret</c> keeps the stored secret (GET never shows it).</summary>
    private void Apply(WebhookEntity entity, WebhookInput input, bool creating, long now)
    {
        entity.Name = input.ValidName();
        entity.Url = addresses.ValidUrl(input.Url).OriginalString;
        entity.Events = string.Join(',', input.ValidEvents());
        entity.Active = input.Active ?? true;
        entity.SslVerificationRequired = input.SslVerificationRequired ?? true;
        var configuration = new Dictionary<string, string>(input.Configuration ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (configuration.Remove("secret", out var secret))
        {
            if (secret.Length > WebhookInput.MaxSecretLength)
            {
                throw GitHostException.Invalid($"A webhook secret has at most {WebhookInput.MaxSecretLength} characters.", "configuration.secret");
            }

            entity.Secret = secret.Length == 0 ? null : secret;
        }
        else if (creating)
        {
            entity.Secret = null;
        }

        var packed = configuration.Count == 0 ? null : JsonSerializer.Serialize(configuration);
        if (packed is { Length: > WebhookInput.MaxConfigurationLength })
        {
            throw GitHostException.Invalid($"A webhook's configuration has at most {WebhookInput.MaxConfigurationLength} characters of JSON.", "configuration");
        }

        entity.Configuration = packed;
        if (input.Username is { Length: > WebhookInput.MaxNameLength } || input.Password is { Length: > WebhookInput.MaxNameLength })
        {
            throw GitHostException.Invalid($"Webhook credentials have at most {WebhookInput.MaxNameLength} characters each.", "credentials");
        }

        entity.Username = string.IsNullOrEmpty(input.Username) ? null : input.Username;
        entity.Password = entity.Username is null ? null : input.Password ?? (creating ? null : entity.Password);
        entity.UpdatedDate = now;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6400, Level = LogLevel.Information, Message = "Webhook {WebhookId} of {ScopeType} {ScopeId} saved by {UserId}")]
        public static partial void Saved(ILogger logger, long webhookId, string scopeType, long scopeId, long? userId);

        [LoggerMessage(EventId = 6401, Level = LogLevel.Information, Message = "Webhook {WebhookId} deleted by {UserId}")]
        public static partial void Deleted(ILogger logger, long webhookId, long? userId);
    }
}
