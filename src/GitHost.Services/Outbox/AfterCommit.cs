using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GitHost.Services.Outbox;

/// <summary>
/// Runs an action once what a context saved is visible to others: at once when no transaction is
/// open, else when it commits (dropped when it rolls back). Consumers woken at SaveChanges inside a
/// transaction would look before the commit, find nothing, and sleep until their next poll.
/// </summary>
public sealed class AfterCommit : DbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Action>> _waiting = [];

    public void Run(DbContext db, Action action)
    {
        if (db.Database.CurrentTransaction is null)
        {
            action();
            return;
        }

        var actions = _waiting.GetOrCreateValue(db);
        lock (actions)
        {
            actions.Add(action);
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context, run: true);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context, run: true);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context, run: false);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context, run: false);
        return Task.CompletedTask;
    }

    private void Release(DbContext? context, bool run)
    {
        if (context is null || !_waiting.TryGetValue(context, out var actions))
        {
            return;
        }

        Action[] due;
        lock (actions)
        {
            due = [.. actions];
            actions.Clear();
        }

        if (run)
        {
            foreach (var action in due)
            {
                action();
            }
        }
    }
}
