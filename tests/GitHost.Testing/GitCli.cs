using System.Diagnostics;

namespace GitHost.Testing;

/// <summary>The outcome of one run of the real git client.</summary>
public sealed record GitRun(int ExitCode, string StandardOutput, string StandardError)
{
    public GitRun EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"git exited with {ExitCode}: {StandardError}{StandardOutput}");
        }

        return this;
    }
}

/// <summary>
/// Runs the real git client the way a user would, isolated from the machine: its own HOME, no system
/// or global config, a fixed identity, no prompts. Tests use it to seed repositories and to clone,
/// fetch and push against a running server.
/// </summary>
public static class GitCli
{
    public static async Task<GitRun> RunAsync(
        string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, Stream? standardInput = null)
    {
        var startInfo = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var home = Path.Combine(Path.GetTempPath(), "githost-git-home");
        Directory.CreateDirectory(home);
        startInfo.Environment["HOME"] = home;
        startInfo.Environment["XDG_CONFIG_HOME"] = home;
        startInfo.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        startInfo.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        startInfo.Environment["GIT_TERMINAL_PROMPT"] = "0";
        startInfo.Environment["GIT_ASKPASS"] = "/bin/false";
        startInfo.Environment["GIT_AUTHOR_NAME"] = "Test Author";
        startInfo.Environment["GIT_AUTHOR_EMAIL"] = "author@example.com";
        startInfo.Environment["GIT_COMMITTER_NAME"] = "Test Committer";
        startInfo.Environment["GIT_COMMITTER_EMAIL"] = "committer@example.com";
        startInfo.Environment["LC_ALL"] = "C";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("git did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null)
        {
            await standardInput.CopyToAsync(process.StandardInput.BaseStream, cancellationToken);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new GitRun(process.ExitCode, await stdout, await stderr);
    }
}
