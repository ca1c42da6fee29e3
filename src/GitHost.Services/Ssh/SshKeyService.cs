using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Parsing;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.SshKeys;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using GitHost.Services.Audit;

namespace GitHost.Services.Ssh;

/// <summary>
/// <c>/rest/ssh/1.0/keys</c>: a user's SSH keys. Who may act on whose keys is decided by
/// <see cref="SshKeyOwners"/>; every add and delete writes an outbox event in the same save.
/// </summary>
public sealed partial class SshKeyService(
    GitHostDbContext db, SshKeyRegistry registry, SshKeyOwners owners, OutboxWriter outbox, AuditWriter audit, ILogger<SshKeyService> logger)
{
    public Task<Page<SshKeyEntity>> ListAsync(UserEntity owner, PageRequest page, CancellationToken cancellationToken) =>
        db.SshKeys.AsNoTracking().Where(k => k.UserId == owner.Id).OrderBy(k => k.Id).ToPageAsync(page, cancellationToken);

    public async Task<SshKeyEntity> AddAsync(Principal principal, UserEntity owner, string? text, string? label, int? expiryDays, CancellationToken cancellationToken)
    {
        var parsed = registry.Parse(text);
        var key = registry.NewKey(parsed, owner.Id, label, expiryDays);
        if (await registry.FindLiveAsync(key.FingerprintSha256, cancellationToken) is not null)
        {
            throw SshKeyRegistry.InUse();
        }

        db.SshKeys.Add(key);
        outbox.Add(SshKeyEvents.UserKeyAdded, principal.UserId, Payload(owner, key));
        audit.Record(AuditAction.SshKeyAdded, AuditSubject.User(owner.Id, owner.UserName), after: Payload(owner, key));
        await registry.SaveNewAsync(key.FingerprintSha256, cancellationToken);
        Log.Added(logger, key.Id, key.FingerprintSha256, owner.Id, principal.UserId);
        return key;
    }

    /// <summary>A key by id: the caller's own, or anyone's for an administrator; otherwise it does not exist.</summary>
    public async Task<(SshKeyEntity Key, UserEntity Owner)> GetAsync(Principal principal, string keyId, CancellationToken cancellationToken)
    {
        var callerId = SshKeyOwners.DemandUser(principal);
        var key = await FindAsync(keyId, cancellationToken);
        if (key is null || key.UserId != callerId && !await owners.IsAdminAsync(principal, cancellationToken))
        {
            throw NoSuchKey(keyId);
        }

        var owner = await db.Users.AsNoTracking().FirstAsync(u => u.Id == key.UserId, cancellationToken);
        return (key, owner);
    }

    public async Task DeleteAsync(Principal principal, string keyId, CancellationToken cancellationToken)
    {
        var (key, owner) = await GetAsync(principal, keyId, cancellationToken);
        db.SshKeys.Remove(key);
        outbox.Add(SshKeyEvents.UserKeyDeleted, principal.UserId, Payload(owner, key));
        audit.Record(AuditAction.SshKeyRemoved, AuditSubject.User(owner.Id, owner.UserName), before: Payload(owner, key));
        await db.SaveChangesAsync(cancellationToken);
        Log.Deleted(logger, key.Id, owner.Id, principal.UserId);
    }

    public async Task<int> DeleteAllAsync(Principal principal, UserEntity owner, CancellationToken cancellationToken)
    {
        var keys = await db.SshKeys.Where(k => k.UserId == owner.Id).ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            db.SshKeys.Remove(key);
            outbox.Add(SshKeyEvents.UserKeyDeleted, principal.UserId, Payload(owner, key));
            audit.Record(AuditAction.SshKeyRemoved, AuditSubject.User(owner.Id, owner.UserName), before: Payload(owner, key));
        }

        await db.SaveChangesAsync(cancellationToken);
        return keys.Count;
    }

    private async Task<SshKeyEntity?> FindAsync(string keyId, CancellationToken cancellationToken) =>
        DecimalDigits.TryParse(keyId, out long id)
            ? await db.SshKeys.FirstOrDefaultAsync(k => k.Id == id && k.UserId != null, cancellationToken)
            : null;

    public static GitHostException NoSuchKey(string keyId) =>
        new(FailureKind.NotFound, $"No SSH key with id {keyId} exists here.", exceptionName: BitbucketExceptionNames.NoSuchEntity);

    private static object Payload(UserEntity owner, SshKeyEntity key) => new
    {
        key = new { fingerprint = key.FingerprintSha256, key.Algorithm, key.Label },
        user = new { name = owner.UserName, owner.Id },
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "SSH key {KeyId} ({Fingerprint}) added for user {OwnerId} by {UserId}")]
        public static partial void Added(ILogger logger, long keyId, string fingerprint, long ownerId, long? userId);

        [LoggerMessage(EventId = 4602, Level = LogLevel.Information, Message = "SSH key {KeyId} of user {OwnerId} deleted by {UserId}")]
        public static partial void Deleted(ILogger logger, long keyId, long ownerId, long? userId);
    }
}
