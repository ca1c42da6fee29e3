using GitHost.Data;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Webhooks;

/// <summary>
/// Queues the webhook dispatcher's own writes one behind the other on SQLite. SQLite has one writer
/// at a time and answers a second one "busy" at once; Microsoft.Data.Sqlite then sleeps 150 ms before
/// it retries, so the writes that one event starts together (a claim, a run of attempts and a release
/// per hook, the fan-out) cost each other 150 ms steps. Queued in-process, a write waits only as long
/// as the one before it takes. Other databases take concurrent writers, and the gate lets all through.
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
