using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Parsing;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.AccessTokens;
using GitHost.Services.Common;
using GitHost.Services.Outbox;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using GitHost.Services.Audit;

namespace GitHost.Services.AccessTokens;

/// <summary>
/// Lists, creates, changes and revokes HTTP access tokens of an owner the caller may manage (see
/// <see cref="AccessTokenOwners"/>). Only the SHA-256 of a token is stored; the raw token leaves
/// the server once, in the answer to its creation. Callers that cache verified credentials must
/// drop them after an update or delete so the old limits stop at once.
/// </summary>
public sealed partial class AccessTokenService(
    GitHostDbContext db, OutboxWriter outbox, AuditWriter audit, EpochClock clock, IOptions<SecurityOptions> options, ILogger<AccessTokenService> logger)
{
    public const string CreatedEvent = "access-token:created";
    public const string ModifiedEvent = "access-token:modified";
    public const string RevokedEvent = "access-token:revoked";
    private const long DayMs = 86_400_000;

    public Task<Page<AccessTokenEntity>> ListAsync(AccessTokenOwner owner, PageRequest page, CancellationToken cancellationToken) =>
        owner.Filter(db.AccessTokens.AsNoTracking()).OrderBy(t => t.Id).ToPageAsync(page, cancellationToken);

    public async Task<AccessTokenEntity> GetAsync(AccessTokenOwner owner, string tokenId, CancellationToken cancellationToken) =>
        await FindAsync(owner, tokenId, cancellationToken);

    public async Task<CreatedAccessToken> CreateAsync(Principal principal, AccessTokenOwner owner, CreateAccessToken command, CancellationToken cancellationToken)
    {
        var name = ValidName(command.Name);
        var (projectLevel, repositoryLevel) = AccessTokenPermissions.Parse(owner.Kind, command.Permissions);
        var now = clock.NowMs();
        var expiry = ExpiryFrom(now, command.ExpiryDays);
        var max = options.Value.MaxTokensPerOwner;
        if (await owner.Filter(db.AccessTokens).CountAsync(cancellationToken) >= max)
        {
            throw GitHostException.Invalid($"The maximum of {max} access tokens has been reached; delete one before creating another.");
        }

        var raw = AccessTokenSecret.Generate();
        var token = new AccessTokenEntity
        {
            Name = name,
            TokenHash = AccessTokenSecret.Hash(raw),
            ProjectPermission = projectLevel,
            RepositoryPermission = repositoryLevel,
            CreatedByUserId = principal.UserId ?? throw GitHostException.AuthenticationRequired(),
            CreatedDate = now,
            ExpiryDate = expiry,
        };
        owner.AssignTo(token);

        // The event names the token's id, which exists only after the insert: two saves, one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Add(CreatedEvent, principal.UserId, Payload(owner, token));
        audit.Record(AuditAction.TokenCreated, AuditSubject.Within("ACCESS_TOKEN", token.Id, token.Name, owner.Project, owner.Repository), after: Payload(owner, token));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Created(logger, token.Id, owner.Kind, principal.UserId);
        return new CreatedAccessToken(token, raw);
    }

    public async Task<AccessTokenEntity> UpdateAsync(
        Principal principal, AccessTokenOwner owner, string tokenId, UpdateAccessToken command, CancellationToken cancellationToken)
    {
        var token = await FindAsync(owner, tokenId, cancellationToken);
        if (command.Name is not null)
        {
            token.Name = ValidName(command.Name);
        }

        if (command.Permissions is not null)
        {
            (token.ProjectPermission, token.RepositoryPermission) = AccessTokenPermissions.Parse(owner.Kind, command.Permissions);
        }

        if (command.ExpiryDays is not null)
        {
            token.ExpiryDate = ExpiryFrom(clock.NowMs(), command.ExpiryDays);
        }

        outbox.Add(ModifiedEvent, principal.UserId, Payload(owner, token));
        audit.Record(AuditAction.TokenModified, AuditSubject.Within("ACCESS_TOKEN", token.Id, token.Name, owner.Project, owner.Repository), after: Payload(owner, token));
        await db.SaveChangesAsync(cancellationToken);
        Log.Modified(logger, token.Id, principal.UserId);
        return token;
    }

    public async Task DeleteAsync(Principal principal, AccessTokenOwner owner, string tokenId, CancellationToken cancellationToken)
    {
        var token = await FindAsync(owner, tokenId, cancellationToken);
        db.AccessTokens.Remove(token);
        outbox.Add(RevokedEvent, principal.UserId, Payload(owner, token));
        audit.Record(AuditAction.TokenRevoked, AuditSubject.Within("ACCESS_TOKEN", token.Id, token.Name, owner.Project, owner.Repository), before: Payload(owner, token));
        await db.SaveChangesAsync(cancellationToken);
        Log.Revoked(logger, token.Id, principal.UserId);
    }

    private async Task<AccessTokenEntity> FindAsync(AccessTokenOwner owner, string tokenId, CancellationToken cancellationToken)
    {
        AccessTokenEntity? token = null;
        if (DecimalDigits.TryParse(tokenId, out long id))
        {
            token = await owner.Filter(db.AccessTokens).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        }

        return token ?? throw new GitHostException(FailureKind.NotFound, $"No access token with id {tokenId} exists here.",
            exceptionName: BitbucketExceptionNames.NoSuchEntity);
    }

    private static long? ExpiryFrom(long now, int? expiryDays) => expiryDays switch
    {
        null => null,
        < 1 => throw GitHostException.Invalid("expiryDays must be 1 or more; leave it out for a token that does not expire.", "expiryDays"),
        { } days => now + (days * DayMs),
    };

    private static string ValidName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 255 || name.Any(char.IsControl))
        {
            throw GitHostException.Invalid("A token name is required: 1 to 255 printable characters.", "name");
        }

        return name.Trim();
    }

    private static object Payload(AccessTokenOwner owner, AccessTokenEntity token) => new
    {
        token = new
        {
            id = token.Id.ToString(CultureInfo.InvariantCulture),
            token.Name,
            permissions = AccessTokenPermissions.Names(token.ProjectPermission, token.RepositoryPermission),
            token.ExpiryDate,
        },
        owner = owner.Describe(),
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Access token {TokenId} ({Kind}) created by {UserId}")]
        public static partial void Created(ILogger logger, long tokenId, AccessTokenKind kind, long? userId);

        [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Access token {TokenId} changed by {UserId}")]
        public static partial void Modified(ILogger logger, long tokenId, long? userId);

        [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Access token {TokenId} revoked by {UserId}")]
        public static partial void Revoked(ILogger logger, long tokenId, long? userId);
    }
}
