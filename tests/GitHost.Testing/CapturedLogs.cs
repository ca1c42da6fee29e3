using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GitHost.Testing;

/// <summary>
/// Every log line the server wrote, with its rendered message and exception text, for assertions on
/// what is (not) logged, and for awaiting what the server did instead of sleeping:
/// <code>
/// var line = await server.Logs.WaitForAsync(l => l.Contains("Repacked repository 7"), TimeSpan.FromSeconds(30), ct);
/// </code>
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Lock _waitersLock = new();
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<string> Found)> _waiters = [];

    public IReadOnlyCollection<string> Lines => _lines;

    public bool Contains(string text) => _lines.Any(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>How many lines were logged so far: a mark for <see cref="WaitForAsync"/>'s <c>fromLine</c>.</summary>
    public int Count => _lines.Count;

    /// <summary>
    /// The first line (already logged from line <paramref name="fromLine"/> on, or still to come) that
    /// matches; throws <see cref="TimeoutException"/> showing the last lines when none comes within <paramref name="timeout"/>.
    /// </summary>
    public async Task<string> WaitForAsync(Func<string, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken, int fromLine = 0)
    {
        var waiter = (predicate, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_waitersLock)
        {
            // Registered before the scan, so a line logged in between is seen by one or the other.
            _waiters.Add(waiter);
        }

        try
        {
            if (_lines.Skip(fromLine).FirstOrDefault(predicate) is { } logged)
            {
                return logged;
            }

            return await waiter.Item2.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No matching log line within {timeout}. The last lines were:\n{string.Join('\n', _lines.TakeLast(60))}");
        }
        finally
        {
            lock (_waitersLock)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    internal void Add(string line)
    {
        _lines.Enqueue(line);
        lock (_waitersLock)
        {
            foreach (var (predicate, found) in _waiters)
            {
                if (predicate(line))
                {
                    found.TrySetResult(line);
                }
            }
        }
    }

    private sealed class Logger(string category, CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
