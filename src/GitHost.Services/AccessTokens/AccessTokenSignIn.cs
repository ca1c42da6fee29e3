using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.AccessTokens;

/// <summary>A token that signed in: who it acts as, and when it stops working (null: never).</summary>
public sealed record VerifiedToken(Principal Principal, long? ExpiresAt);

/// <summary>
/// Finds the principal an access token stands for: by its hash, unexpired, its owner (if any) active,
/// and with Basic the owner's own name. Records when the token last authenticated with one direct update,
/// so nothing stays modified in the request's context.
/// </summary>
public sealed class AccessTokenSignIn(GitHostDbContext db, EpochClock clock)
{
    public async Task<VerifiedToken?> VerifyAsync(string rawToken, string? basicUserName, CancellationToken cancellationToken)
    {
        var hash = AccessTokenSecret.Hash(rawToken);
        var now = clock.NowMs();
        if (rawToken.StartsWith(JobTokenPrefix, StringComparison.Ordinal))
        {
            return await VerifyJobTokenAsync(hash, cancellationToken);
        }

        var token = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null || token.ExpiryDate is { } expiry && expiry <= now)
        {
            return null;
        }

        var owner = token.UserId is { } ownerId
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == ownerId, cancellationToken)
            : null;
        if (token.UserId is not null && owner is not { Active: true })
        {
            return null;
        }

        if (basicUserName is not null && (owner is null || !string.Equals(owner.UserName, basicUserName, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var tokenId = token.Id;
        await db.AccessTokens.Where(t => t.Id == tokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastAuthenticated, now), cancellationToken);
        var limits = new TokenLimits(token.Id, token.ProjectId, token.RepositoryId, token.ProjectPermission, token.RepositoryPermission);
        var principal = owner is not null
            ? new Principal(owner.Id, owner.UserName, limits)
            : new Principal(null, $"token-{token.Id}", limits);
        return new VerifiedToken(principal, token.ExpiryDate);
    }

    /// <summary>The prefix of a pipeline step's job token (see <c>StepDispatcher</c>).</summary>
    public const string JobTokenPrefix = "GHJ-";

    /// <summary>
    /// A running step's job token reads its repository and nothing else, and only while the step runs: it
    /// is cleared when the step ends, and a cached check lasts at most a lease.
    /// </summary>
    private async Task<VerifiedToken?> VerifyJobTokenAsync(string hash, CancellationToken cancellationToken)
    {
        var step = await db.PipelineSteps.AsNoTracking()
            .Where(s => s.JobTokenHash == hash && s.State == Data.Pipelines.PipelineStepState.Running)
            .Select(s => new { s.Id, s.RepositoryId, s.LeaseExpiresDate })
            .FirstOrDefaultAsync(cancellationToken);
        if (step is null)
        {
            return null;
        }

        var limits = new TokenLimits(0, null, step.RepositoryId, Core.Permissions.Permission.None, Core.Permissions.Permission.RepoRead);
        return new VerifiedToken(new Principal(null, $"pipeline-step-{step.Id}", limits), step.LeaseExpiresDate);
    }
}
