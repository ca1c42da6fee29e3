using GitHost.Data;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Webhooks;

/// <summary>
/// Queues the webhook dispatcher's own writes one behind the other on SQLite. SQLite has one writer
/// at a time; a writer that meets another polls for the lock in SQLite's busy handler, in steps that
/// grow to 100 ms (and, without a busy timeout, Microsoft.Data.Sqlite sleeps 150 ms). The writes that
/// one event starts together (a claim, a run of attempts and a release per hook, the fan-out) would
/// poll against each other; queued in-process, each starts the moment the one before it ends. Other
/// databases take concurrent writers, and the gate lets all through.
/// </summary>
public sealed class WebhookWriteGate(IOptions<DatabaseOptions> database) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly bool _queue = database.Value.Provider == DatabaseProvider.Sqlite;

    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        if (!_queue)
        {
            return await write();
        }

        await _one.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            _one.Release();
        }
    }

    public Task RunAsync(Func<Task> write, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await write();
            return true;
        }, cancellationToken);

    public void Dispose() => _one.Dispose();
}
