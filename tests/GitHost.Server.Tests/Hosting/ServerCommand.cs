using System.Diagnostics;
using GitHost.Data;

namespace GitHost.Server.Tests.Hosting;

/// <summary>Runs the real server binary with a command (<c>migrate</c>, <c>reset-password</c>) the way an operator would, configured from the environment.</summary>
internal static class ServerCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string home, DatabaseProvider provider, string? connectionString, IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GitHost.Server.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GITHOST_HOME"] = home;
        start.Environment["GitHost__Database__Provider"] = provider.ToString();
        if (connectionString is not null)
        {
            start.Environment["GitHost__Database__ConnectionString"] = connectionString;
        }

        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("GITHOST_ADMIN_PASSWORD");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
