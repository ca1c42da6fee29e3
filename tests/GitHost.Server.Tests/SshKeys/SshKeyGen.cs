using System.Diagnostics;

namespace GitHost.Server.Tests.SshKeys;

/// <summary>A key pair made by the real <c>ssh-keygen</c>, and what <c>ssh-keygen -lf -E sha256</c> says of it.</summary>
internal sealed record GeneratedKey(string PublicLine, string PrivateText, string Fingerprint, int Bits)
{
    /// <summary>The fingerprint as it appears inside a JSON payload ('+' and '/' may be escaped).</summary>
    public string JsonFingerprint => System.Text.Json.JsonEncodedText.Encode(Fingerprint).ToString();
}

/// <summary>Runs the real <c>ssh-keygen</c> in a temporary directory.</summary>
internal static class SshKeyGen
{
    public static async Task<GeneratedKey> GenerateAsync(string type, int? bits, CancellationToken cancellationToken, string comment = "tester@example")
    {
        var directory = Directory.CreateTempSubdirectory("githost-keygen-");
        try
        {
            var file = Path.Combine(directory.FullName, "id");
            var args = new List<string> { "-q", "-t", type, "-N", "", "-C", comment, "-f", file };
            if (bits is { } b)
            {
                args.InsertRange(0, ["-b", b.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }

            await RunAsync(args, cancellationToken);
            var listing = (await RunAsync(["-l", "-E", "sha256", "-f", file + ".pub"], cancellationToken)).Split(' ');
            return new GeneratedKey(
                (await File.ReadAllTextAsync(file + ".pub", cancellationToken)).Trim(),
                await File.ReadAllTextAsync(file, cancellationToken),
                listing[1],
                int.Parse(listing[0], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ssh-keygen") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed: {await stderr}");
        }

        return await stdout;
    }
}
