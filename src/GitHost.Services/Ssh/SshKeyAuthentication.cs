using GitHost.Core.Security;
using GitHost.Core.Ssh;
using GitHost.Data;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Ssh;

/// <summary>
/// What the SSH server asks when a client offers a public key. Expired keys, keys of inactive or
/// locked-out users and access keys without grants are nobody (null). A use is recorded in
/// <c>LastAuthenticated</c> at most once a minute per key, so busy CI does not write per connection.
/// <code>
/// var identity = await keys.IdentifyAsync(blob, ct);            // at publickey auth
/// var principal = identity?.PrincipalFor(repo.Id, project.Id);  // once the command names the repo
/// var level = await permissions.RepositoryLevelAsync(principal, repo, project, ct);
/// </code>
/// </summary>
public sealed class SshKeyAuthentication(GitHostDbContext db, EpochClock clock)
{
    private const long RecordIntervalMs = 60_000;

    /// <summary>
    /// The principal of a user key, or of an access key with a single grant. An access key with
    /// grants in several places needs the repository: use <see cref="IdentifyAsync"/> and
    /// <see cref="SshKeyIdentity.PrincipalFor"/>.
    /// </summary>
    public async Task<Principal?> AuthenticateAsync(byte[] publicKeyBlob, CancellationToken cancellationToken) =>
        (await IdentifyAsync(publicKeyBlob, cancellationToken))?.SingleGrantPrincipal();

    public async Task<SshKeyIdentity?> IdentifyAsync(byte[] publicKeyBlob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publicKeyBlob);
        var fingerprint = SshFingerprint.Sha256(publicKeyBlob);
        var key = await db.SshKeys.AsNoTracking().FirstOrDefaultAsync(k => k.FingerprintSha256 == fingerprint, cancellationToken);
        var now = clock.NowMs();

        // The stored blob must match too: the fingerprint is the index, not the proof.
        if (key is null || key.PublicKey != Convert.ToBase64String(publicKeyBlob) || key.ExpiryDate is { } expiry && expiry <= now)
        {
            return null;
        }

        SshKeyIdentity identity;
        if (key.UserId is { } userId)
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
            // A password lockout does not stop keys (it would let anyone lock a user out of git); disabling the user does.
            if (user is null || !user.Active)
            {
                return null;
            }

            identity = new SshKeyIdentity(key.Id, fingerprint, new Principal(user.Id, user.UserName), []);
        }
        else
        {
            var grants = await db.AccessKeyGrants.AsNoTracking().Where(g => g.KeyId == key.Id).ToListAsync(cancellationToken);
            if (grants.Count == 0)
            {
                return null;
            }

            identity = new SshKeyIdentity(key.Id, fingerprint, null, grants);
        }

        if (key.LastAuthenticated is not { } last || now - last >= RecordIntervalMs)
        {
            // Conditional, so concurrent connections on several nodes write once between them.
            var threshold = now - RecordIntervalMs;
            await db.SshKeys.Where(k => k.Id == key.Id && (k.LastAuthenticated == null || k.LastAuthenticated <= threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastAuthenticated, now), cancellationToken);
        }

        return identity;
    }
}
