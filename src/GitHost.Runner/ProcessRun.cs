using System.Diagnostics;

namespace GitHost.Runner;

/// <summary>Runs a process with its output streamed to a step's log; a stop kills it with everything it started.</summary>
public static class ProcessRun
{
    public static async Task<int> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment,
        LogUploader log, CancellationToken stop)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        process.StandardInput.Close();
        // Both pipes feed one log; a lock keeps their pieces whole.
        var gate = new Lock();
        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput.BaseStream, log, gate), PumpAsync(process.StandardError.BaseStream, log, gate));
        await using (stop.Register(() => Kill(process)))
        {
            await process.WaitForExitAsync(CancellationToken.None);
            await pumps;
        }

        return process.ExitCode;
    }

    private static async Task PumpAsync(Stream stream, LogUploader log, Lock gate)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            lock (gate)
            {
                log.Write(buffer.AsSpan(0, read));
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
