using System.Diagnostics;
using System.Text;

namespace GitHost.Ssh.Tests.Support;

/// <summary>
/// Commands for the tests: "echo-args a b" prints its arguments and the identity; "cat" copies
/// stdin to stdout; "fail N message" writes the message to stderr and exits N; "env" prints
/// GIT_PROTOCOL; "client-address" prints the address the transport recorded; "git-upload-pack '/path'" and "git-receive-pack '/path'" run the real git on the
/// bare repository at that path (parsed here, as GitHost's real handler will). Anything else is
/// refused with a line on stderr and status 127.
/// </summary>
public sealed class TestCommandHandler : ISshCommandHandler
{
    public async Task<int> RunAsync(SshIdentity identity, string command, IReadOnlyDictionary<string, string> environment, SshChannelStreams io, CancellationToken cancellationToken)
    {
        var words = command.Split(' ', 2);
        switch (words[0])
        {
            case "echo-args":
                await WriteAsync(io.Stdout, $"{identity.Name}:{(words.Length > 1 ? words[1] : "")}\n", cancellationToken);
                return 0;
            case "cat":
                await io.Stdin.CopyToAsync(io.Stdout, cancellationToken);
                return 0;
            case "fail":
                var parts = words[1].Split(' ', 2);
                await WriteAsync(io.Stderr, parts[1] + "\n", cancellationToken);
                return int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            case "client-address":
                await WriteAsync(io.Stdout, $"{identity.ClientAddress}\n", cancellationToken);
                return 0;
            case "env":
                await WriteAsync(io.Stdout, environment.GetValueOrDefault("GIT_PROTOCOL", "-") + "\n", cancellationToken);
                return 0;
            case "git-upload-pack" or "git-receive-pack" when words.Length == 2 && words[1].Length > 2 && words[1][0] == '\'' && words[1][^1] == '\'':
                return await RunGitAsync(words[0]["git-".Length..], words[1][1..^1], environment, io, cancellationToken);
            default:
                await WriteAsync(io.Stderr, $"Unknown command '{words[0]}'.\n", cancellationToken);
                return 127;
        }
    }

    private static async Task<int> RunGitAsync(string service, string path, IReadOnlyDictionary<string, string> environment, SshChannelStreams io, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(service);
        start.ArgumentList.Add(path);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        if (environment.TryGetValue("GIT_PROTOCOL", out var protocol))
        {
            start.Environment["GIT_PROTOCOL"] = protocol;
        }

        using var process = Process.Start(start)!;
        var stdin = Task.Run(async () =>
        {
            try
            {
                await io.Stdin.CopyToAsync(process.StandardInput.BaseStream, cancellationToken);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // git exited before reading everything (e.g. upload-pack after "done").
            }
        }, cancellationToken);
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(io.Stdout, cancellationToken);
        var stderr = process.StandardError.BaseStream.CopyToAsync(io.Stderr, cancellationToken);
        try
        {
            await Task.WhenAll(stdout, stderr);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }

    private static Task WriteAsync(Stream stream, string text, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).AsTask();
}
