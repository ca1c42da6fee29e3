using GitHost.Core.Failures;
using GitHost.Core.Ssh;
using GitHost.Data;
using GitHost.Data.SshKeys;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Ssh;

/// <summary>
/// What user keys and access keys share: parsing the pasted text into a new key row, and the rule
/// that a fingerprint belongs to one key in the whole system (409 otherwise). The unique index on
/// the fingerprint enforces it against races; the check here gives the readable message first.
/// </summary>
public sealed class SshKeyRegistry(GitHostDbContext db, EpochClock clock)
{
    public const int MaxLabelLength = 255;
    private const long DayMs = 86_400_000;

    public SshPublicKey Parse(string? text, string context = "text")
    {
        if (!SshPublicKeyText.TryParse(text, out var key, out var error))
        {
            throw GitHostException.Invalid(error, context);
        }

        return key;
    }

    public SshKeyEntity NewKey(SshPublicKey key, long? userId, string? label, int? expiryDays)
    {
        var now = clock.NowMs();
        return new SshKeyEntity
        {
            UserId = userId,
            Algorithm = key.Algorithm,
            PublicKey = key.Base64,
            BitLength = key.BitLength,
            FingerprintSha256 = key.Fingerprint,
            Label = ValidLabel(label ?? key.Comment),
            CreatedDate = now,
            ExpiryDate = expiryDays switch
            {
                null => null,
                < 1 or > 36_500 => throw GitHostException.Invalid("expiryDays must be 1 to 36500; leave it out for a key that does not expire.", "expiryDays"),
                { } days => now + (days * DayMs),
            },
        };
    }

    /// <summary>The key row with this fingerprint, tracked, or null.</summary>
    public Task<SshKeyEntity?> FindAsync(string fingerprint, CancellationToken cancellationToken) =>
        db.SshKeys.FirstOrDefaultAsync(k => k.FingerprintSha256 == fingerprint, cancellationToken);

    public static GitHostException InUse() =>
        new(FailureKind.Conflict, "This SSH key is already in use: a key can belong to one user or be an access key, not both. "
            + "Generate a new key for this purpose with 'ssh-keygen -t ed25519'.", "text", BitbucketExceptionNames.DuplicateEntity);

    /// <summary>Saves a new key; losing the race on the fingerprint index is the same 409 as the check before.</summary>
    public Task SaveNewAsync(string fingerprint, CancellationToken cancellationToken) =>
        db.SaveOrConflictAsync(ct => db.SshKeys.AnyAsync(k => k.FingerprintSha256 == fingerprint, ct), InUse, cancellationToken);

    /// <summary>
    /// An access key whose projects and repositories were all deleted is left without grants. It
    /// answers no login, so it should not block the key from being added again.
    /// </summary>
    public async Task<SshKeyEntity?> FindLiveAsync(string fingerprint, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(fingerprint, cancellationToken);
        if (existing is { UserId: null } && !await db.AccessKeyGrants.AnyAsync(g => g.KeyId == existing.Id, cancellationToken))
        {
            db.SshKeys.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        return existing;
    }

    public static string Text(SshKeyEntity key) =>
        key.Label.Length == 0 ? $"{key.Algorithm} {key.PublicKey}" : $"{key.Algorithm} {key.PublicKey} {key.Label}";

    private static string ValidLabel(string? label)
    {
        var trimmed = (label ?? "").Trim();
        if (trimmed.Length > MaxLabelLength || trimmed.Any(char.IsControl))
        {
            throw GitHostException.Invalid($"A key label is at most {MaxLabelLength} printable characters.", "label");
        }

        return trimmed;
    }
}
