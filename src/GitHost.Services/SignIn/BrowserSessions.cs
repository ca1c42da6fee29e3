using System.Security.Cryptography;
using System.Text;
using GitHost.Data;
using GitHost.Data.Sessions;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.SignIn;

/// <summary>
/// Browser sessions that the server can end. Each sign-in gets a random id (kept in the cookie) and a
/// row (keyed by the id's hash); signing out deletes the row, so a copied cookie stops working at
/// once instead of living on until it expires.
/// </summary>
public sealed class BrowserSessions(GitHostDbContext db, EpochClock clock)
{
    private const long SeenIntervalMs = 60 * 60 * 1000;

    /// <summary>Starts a session and returns its id for the cookie; forgets this user's sessions unseen for longer than <paramref name="maxIdle"/>.</summary>
    public async Task<string> StartAsync(long userId, TimeSpan maxIdle, CancellationToken cancellationToken)
    {
        var now = clock.NowMs();
        var stale = now - (long)maxIdle.TotalMilliseconds;
        await db.BrowserSessions.Where(s => s.UserId == userId && s.LastSeenDate < stale).ExecuteDeleteAsync(cancellationToken);
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        db.BrowserSessions.Add(new BrowserSessionEntity { IdHash = Hash(id), UserId = userId, CreatedDate = now, LastSeenDate = now });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>Whether the session still exists and belongs to this user; notes that it was seen (at most once an hour).</summary>
    public async Task<bool> IsLiveAsync(string id, long userId, CancellationToken cancellationToken)
    {
        var hash = Hash(id);
        var now = clock.NowMs();
        var lastSeen = await db.BrowserSessions.AsNoTracking()
            .Where(s => s.IdHash == hash && s.UserId == userId)
            .Select(s => (long?)s.LastSeenDate)
            .FirstOrDefaultAsync(cancellationToken);
        if (lastSeen is null)
        {
            return false;
        }

        if (now - lastSeen >= SeenIntervalMs)
        {
            await db.BrowserSessions.Where(s => s.IdHash == hash).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenDate, now), cancellationToken);
        }

        return true;
    }

    public Task EndAsync(string id, CancellationToken cancellationToken)
    {
        var hash = Hash(id);
        return db.BrowserSessions.Where(s => s.IdHash == hash).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
