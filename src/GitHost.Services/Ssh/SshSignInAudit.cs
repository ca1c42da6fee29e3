using GitHost.Data;
using GitHost.Services.Audit;

namespace GitHost.Services.Ssh;

/// <summary>
/// Records SSH sign-ins with the same action keys as HTTP ones (<c>auth.signin.succeeded|failed</c>),
/// door <c>SSH</c>. The SSH server tells of each connection's outcome once (a verified signature, or an
/// end without one), so every connection leaves at most one record. There is no request to take the
/// origin from: actor and address are given.
/// <code>
/// await signIns.RecordSucceededAsync(identity, "203.0.113.9", ct);
/// await signIns.RecordFailedAsync("git", ["SHA256:..."], keysOffered: 1, "203.0.113.9", ct);
/// </code>
/// </summary>
public sealed class SshSignInAudit(AuditWriter audit, GitHostDbContext db)
{
    private const string Method = "ssh-key";

    /// <summary>The SSH user name is whatever the client sent (up to a packet); a user name never needs more.</summary>
    private const int MaxUserNameChars = 255;

    /// <summary>A user key acts as its user; an access key as <c>access-key-{id}</c> with credential <c>ACCESS_KEY</c> and its id, as over HTTP.</summary>
    public async Task RecordSucceededAsync(SshKeyIdentity key, string? sourceIp, CancellationToken cancellationToken)
    {
        var details = new { method = Method, fingerprint = key.Fingerprint, keyId = key.KeyId };
        if (key.User is { UserId: { } userId } user)
        {
            audit.Record(new AuditOrigin(userId, user.UserName, AuditOrigin.Credentials.SshKey, null, sourceIp, AuditOrigin.SshMethod),
                AuditAction.SignInSucceeded, AuditSubject.User(userId, user.UserName), null, details);
        }
        else
        {
            audit.Record(new AuditOrigin(null, key.Name, AuditOrigin.Credentials.AccessKey, key.KeyId, sourceIp, AuditOrigin.SshMethod),
                AuditAction.SignInSucceeded, new AuditSubject("ACCESS_KEY", AuditSubject.Text(key.KeyId), key.Name), null, details);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>No actor: no offered key was accepted. The subject is named by the first key offered, if any.</summary>
    public async Task RecordFailedAsync(
        string userName, IReadOnlyList<string> fingerprints, int keysOffered, string? sourceIp, CancellationToken cancellationToken)
    {
        audit.Record(new AuditOrigin(null, null, AuditOrigin.Credentials.SshKey, null, sourceIp, AuditOrigin.SshMethod),
            AuditAction.SignInFailed, new AuditSubject("SSH_KEY", null, fingerprints.Count > 0 ? fingerprints[0] : null), null,
            new { method = Method, userName = userName.Length <= MaxUserNameChars ? userName : userName[..MaxUserNameChars], fingerprints, keysOffered });
        await db.SaveChangesAsync(cancellationToken);
    }
}
