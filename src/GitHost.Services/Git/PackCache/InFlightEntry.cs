using GitHost.Git.Commands;

namespace GitHost.Services.Git.PackCache;

/// <summary>
/// An entry being generated: a temporary file that grows as git writes, read by every request for the
/// same key while it grows. <see cref="Changed"/> completes whenever more bytes were written or the
/// generation ended, so readers wait without polling.
/// </summary>
internal sealed class InFlightEntry(string temporaryPath)
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _written;
    private int _ended;

    public string TemporaryPath { get; } = temporaryPath;

    /// <summary>A stored entry, read through the same code as a growing one.</summary>
    public static InFlightEntry Stored(string path, long length)
    {
        var entry = new InFlightEntry(path);
        entry.Advance(length);
        entry.End(result: null, complete: true);
        return entry;
    }

    public long Written => Interlocked.Read(ref _written);

    public bool Ended => Volatile.Read(ref _ended) == 1;

    /// <summary>Set when the generation ended: git's result (null when it was killed or threw).</summary>
    public GitResult? Result { get; private set; }

    /// <summary>Whether the finished answer is whole and may be served (git succeeded).</summary>
    public bool Complete { get; private set; }

    /// <summary>Take this before reading <see cref="Written"/> and <see cref="Ended"/>, then await it: no wake-up is lost.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public void Advance(long bytes)
    {
        Interlocked.Add(ref _written, bytes);
        Signal();
    }

    public void End(GitResult? result, bool complete)
    {
        Result = result;
        Complete = complete;
        Volatile.Write(ref _ended, 1);
        Signal();
    }

    private void Signal() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
