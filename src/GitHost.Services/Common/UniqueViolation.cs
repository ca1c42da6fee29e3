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
}
