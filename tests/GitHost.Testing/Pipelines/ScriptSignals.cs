namespace GitHost.Testing.Pipelines;

/// <summary>The one sign from inside a running step a test can see: the script touches a file when it gets somewhere.</summary>
public static class ScriptSignals
{
    public static async Task WaitForFileAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path)) { EnableRaisingEvents = true };
        var created = new TaskCompletionSource();
        watcher.Created += (_, _) => created.TrySetResult();
        if (!File.Exists(path))
        {
            await created.Task.WaitAsync(deadline.Token);
        }
    }
}
