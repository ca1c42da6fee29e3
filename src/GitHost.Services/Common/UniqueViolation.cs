using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Common;

/// <summary>
/// Saves changes and turns a lost race on a unique index into a 409. Each provider reports the
/// violation differently, so the check afterwards asks the database instead of parsing messages.
/// Inside a transaction the failed statement has poisoned it on PostgreSQL ("current transaction
/// is aborted"), so it is rolled back first and the check runs on its own.
/// </summary>
public static class UniqueViolation
{
    public static async Task SaveOrConflictAsync(
        this DbContext db, Func<CancellationToken, Task<bool>> stillConflicts, Func<Exception> conflict, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (db.Database.CurrentTransaction is { } transaction)
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            if (await stillConflicts(cancellationToken))
            {
                throw conflict();
            }

            throw;
        }
    }

    /// <summary>
    /// Runs a read-modify-write whose insert may race another first writer of the same unique key.
    /// The loser runs it once more, which now finds the winner's row and updates it, so every
    /// concurrent writer gets the answer a single writer gets. Whether the row exists is asked of
    /// the database, because each provider words the violation differently. Only for writes outside
    /// a transaction: a failed statement poisons a PostgreSQL transaction for the retry.
    /// </summary>
    public static async Task<T> WriteOrRetryAsUpdateAsync<T>(
        this DbContext db, Func<CancellationToken, Task<T>> write, Func<CancellationToken, Task<bool>> rowExists, CancellationToken cancellationToken)
    {
        try
        {
            return await write(cancellationToken);
        }
        catch (DbUpdateException) when (db.Database.CurrentTransaction is null)
        {
            // The failed unit of work is discarded whole; the retry reloads what it needs.
            db.ChangeTracker.Clear();
            if (!await rowExists(cancellationToken))
            {
                throw;
            }

            return await write(cancellationToken);
        }
    }

    public static Task WriteOrRetryAsUpdateAsync(
        this DbContext db, Func<CancellationToken, Task> write, Func<CancellationToken, Task<bool>> rowExists, CancellationToken cancellationToken) =>
        db.WriteOrRetryAsUpdateAsync(
            async ct =>
            {
                await write(ct);
                return true;
            },
            rowExists,
            cancellationToken);
}
