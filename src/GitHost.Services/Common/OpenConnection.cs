using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Common;

/// <summary>
/// Keeps a context's connection open across several queries, closed again at disposal.
/// EF Core opens and closes the connection around every query; a request that reads the access
/// check, a page and its participants paid that three or four times, and on SQLite each open and
/// close takes the connection pool's lock (contended under load) and registers the provider's SQL
/// functions again.
/// <code>
/// await using var open = await OpenConnection.ForAsync(db, ct);
/// </code>
/// </summary>
public sealed class OpenConnection : IAsyncDisposable
{
    private readonly DbContext _db;

    private OpenConnection(DbContext db) => _db = db;

    public static async Task<OpenConnection> ForAsync(DbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new OpenConnection(db);
    }

    public async ValueTask DisposeAsync() => await _db.Database.CloseConnectionAsync();
}
