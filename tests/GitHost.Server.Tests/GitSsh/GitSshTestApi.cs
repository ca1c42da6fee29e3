using System.Diagnostics;
using System.Text;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Server.Tests.GitSsh;

/// <summary>SSH URLs, the real ssh and git clients, and process checks for the Git over SSH tests.</summary>
internal static class GitSshTestApi
{
    /// <summary><c>ssh://git@127.0.0.1:port/KEY/slug.git</c>.</summary>
    public static string SshUrl(this GitHostTestServer server, string path) => $"ssh://git@127.0.0.1:{server.SshPort}/{path}";

    public static Task<GitRun> GitAsync(SshClientKey key, string directory, CancellationToken cancellationToken, params string[] arguments) =>
        GitCli.RunAsync(directory, arguments, cancellationToken, key.GitEnvironment);

    /// <summary>
    /// Runs the real ssh client with <paramref name="command"/> (null: ask for a shell). Its stdin is a
    /// flush-pkt and EOF, what git sends to end a fetch after the advertisement, so an upload-pack ends cleanly.
    /// </summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> SshAsync(
        this GitHostTestServer server, SshClientKey key, string? command, CancellationToken cancellationToken, params string[] options) =>
        server.SshWithInputAsync(key, command, "0000", cancellationToken, options);

    /// <summary>Runs the real ssh client with <paramref name="command"/>, <paramref name="stdin"/> as its input and then EOF.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> SshWithInputAsync(
        this GitHostTestServer server, SshClientKey key, string? command, string stdin, CancellationToken cancellationToken, params string[] options)
    {
        var start = new ProcessStartInfo("ssh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in key.SshArguments(server, options))
        {
            start.ArgumentList.Add(argument);
        }

        if (command is not null)
        {
            start.ArgumentList.Add(command);
        }

        start.Environment.Remove("SSH_AUTH_SOCK");
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The server's git processes (children of this test process) serving the repository over SSH;
    /// any left after a connection ended are leaks.
    /// </summary>
    public static IReadOnlyList<int> ServerSshGitProcesses(this GitHostTestServer server, long repositoryId)
    {
        var me = Environment.ProcessId;
        var path = server.RepositoryPath(repositoryId);
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == me && fields[0] != "Z"
                    && (commandLine.Contains("receive-pack") || commandLine.Contains("upload-pack")) && commandLine.Contains(path))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    public static async Task<IReadOnlyList<int>> WaitForNoServerSshGitAsync(this GitHostTestServer server, long repositoryId, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        IReadOnlyList<int> left;
        while ((left = server.ServerSshGitProcesses(repositoryId)).Count > 0 && elapsed.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, cancellationToken);
        }

        return left;
    }

    public static Task<List<string>> RefsChangedEventsAsync(this GitHostTestServer server, string slug, long repositoryId) =>
        server.WithDatabaseAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.EventKey == "repo:refs_changed" && m.Payload.Contains($"{{\"slug\":\"{slug}\",\"id\":{repositoryId},"))
            .OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync());

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
