using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Parsing;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Common;
using GitHost.Services.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using GitHost.Services.Audit;

namespace GitHost.Services.Ssh;

/// <summary>
/// <c>/rest/keys/1.0/projects/{key}[/repos/{slug}]/ssh</c>: access keys. One key row may carry
/// grants on several projects and repositories (Bitbucket lets the same deploy key serve many
/// repositories); removing its last grant removes the key, freeing its fingerprint.
/// </summary>
public sealed partial class AccessKeyService(
    GitHostDbContext db, SshKeyRegistry registry, OutboxWriter outbox, AuditWriter audit, EpochClock clock, ILogger<AccessKeyService> logger)
{
    public Task<Page<AccessKeyView>> ListAsync(AccessKeyTarget target, PageRequest page, CancellationToken cancellationToken) =>
        (from grant in target.Filter(db.AccessKeyGrants.AsNoTracking())
         join key in db.SshKeys.AsNoTracking() on grant.KeyId equals key.Id
         orderby key.Id
         select new AccessKeyView(key, grant)).ToPageAsync(page, cancellationToken);

    public async Task<AccessKeyView> AddAsync(
        Principal principal, AccessKeyTarget target, string? text, string? label, string? permissionName, CancellationToken cancellationToken)
    {
        var parsed = registry.Parse(text, "key.text");
        var permission = target.ParsePermission(permissionName);
        // A new key's id exists only after its insert: two saves in one transaction, so the key,
        // its grant and the event commit together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = await registry.FindLiveAsync(parsed.Fingerprint, cancellationToken);
        if (key is null)
        {
            key = registry.NewKey(parsed, null, label, null);
            db.SshKeys.Add(key);
            await registry.SaveNewAsync(key.FingerprintSha256, cancellationToken);
        }
        else if (key.UserId is not null)
        {
            throw SshKeyRegistry.InUse();
        }
        else if (await target.Filter(db.AccessKeyGrants).AnyAsync(g => g.KeyId == key.Id, cancellationToken))
        {
            throw AlreadyHere();
        }

        var grant = target.NewGrant(key.Id, permission, clock.NowMs());
        db.AccessKeyGrants.Add(grant);
        outbox.Add(SshKeyEvents.AccessKeyAdded, principal.UserId, Payload(target, key.FingerprintSha256, key.Label, permission));
        audit.Record(AuditAction.AccessKeyAdded, AuditSubject.Within("ACCESS_KEY", key.Id, key.Label, target.Project, target.Repository), after: new { fingerprint = key.FingerprintSha256, permission = permission.ToString() });
        var keyId = key.Id;
        await db.SaveOrConflictAsync(ct => target.Filter(db.AccessKeyGrants).AnyAsync(g => g.KeyId == keyId, ct), AlreadyHere, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Added(logger, key.Id, key.FingerprintSha256, principal.UserId);
        return new AccessKeyView(key, grant);
    }

    public async Task<AccessKeyView> GetAsync(AccessKeyTarget target, string keyId, CancellationToken cancellationToken)
    {
        AccessKeyView? found = null;
        if (DecimalDigits.TryParse(keyId, out long id))
        {
            found = await (from grant in target.Filter(db.AccessKeyGrants)
                           join key in db.SshKeys on grant.KeyId equals key.Id
                           where key.Id == id
                           select new AccessKeyView(key, grant)).FirstOrDefaultAsync(cancellationToken);
        }

        return found ?? throw new GitHostException(FailureKind.NotFound, $"No access key with id {keyId} exists here.",
            exceptionName: BitbucketExceptionNames.NoSuchEntity);
    }

    public async Task<AccessKeyView> SetPermissionAsync(
        Principal principal, AccessKeyTarget target, string keyId, string? permissionName, CancellationToken cancellationToken)
    {
        var permission = target.ParsePermission(permissionName);
        var view = await GetAsync(target, keyId, cancellationToken);
        view.Grant.Permission = permission;
        outbox.Add(SshKeyEvents.AccessKeyModified, principal.UserId, Payload(target, view.Key.FingerprintSha256, view.Key.Label, permission));
        audit.Record(AuditAction.AccessKeyModified, AuditSubject.Within("ACCESS_KEY", view.Key.Id, view.Key.Label, target.Project, target.Repository), after: new { fingerprint = view.Key.FingerprintSha256, permission = permission.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        return view;
    }

    public async Task RemoveAsync(Principal principal, AccessKeyTarget target, string keyId, CancellationToken cancellationToken)
    {
        var view = await GetAsync(target, keyId, cancellationToken);
        db.AccessKeyGrants.Remove(view.Grant);
        if (!await db.AccessKeyGrants.AnyAsync(g => g.KeyId == view.Key.Id && g.Id != view.Grant.Id, cancellationToken))
        {
            db.SshKeys.Remove(view.Key);
        }

        outbox.Add(SshKeyEvents.AccessKeyRemoved, principal.UserId, Payload(target, view.Key.FingerprintSha256, view.Key.Label, view.Grant.Permission));
        audit.Record(AuditAction.AccessKeyRemoved, AuditSubject.Within("ACCESS_KEY", view.Key.Id, view.Key.Label, target.Project, target.Repository), before: new { fingerprint = view.Key.FingerprintSha256, permission = view.Grant.Permission.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        Log.Removed(logger, view.Key.Id, principal.UserId);
    }

    private static GitHostException AlreadyHere() =>
        new(FailureKind.Conflict, "This key is already an access key here; change its permission instead of adding it again.", "key.text",
            BitbucketExceptionNames.DuplicateEntity);

    private static object Payload(AccessKeyTarget target, string fingerprint, string label, Permission permission) => new
    {
        key = new { fingerprint, label },
        permission = permission.ToWireName(),
        target = target.Describe(),
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 4611, Level = LogLevel.Information, Message = "Access key {KeyId} ({Fingerprint}) granted by {UserId}")]
        public static partial void Added(ILogger logger, long keyId, string fingerprint, long? userId);

        [LoggerMessage(EventId = 4612, Level = LogLevel.Information, Message = "Access key {KeyId} removed by {UserId}")]
        public static partial void Removed(ILogger logger, long keyId, long? userId);
    }
}
