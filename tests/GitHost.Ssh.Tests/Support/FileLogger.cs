using Microsoft.Extensions.Logging;

namespace GitHost.Ssh.Tests.Support;

/// <summary>Appends the server's log to a file so a failing test can show what the server saw.</summary>
public sealed class FileLogger<T>(string path) : ILogger<T>
{
    private readonly Lock _gate = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            File.AppendAllText(path, $"{logLevel} {eventId.Id} {formatter(state, exception)} {exception}\n");
        }
    }
}
