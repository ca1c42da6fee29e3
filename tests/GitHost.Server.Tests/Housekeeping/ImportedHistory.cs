using System.Globalization;
using System.Text;
using GitHost.Testing;

namespace GitHost.Server.Tests.Housekeeping;

/// <summary>
/// A history of many commits on <c>main</c>, built in one <c>git fast-import</c> run (a few hundred
/// <c>git commit</c> runs would take seconds), with fixed dates so object ids are stable.
/// </summary>
internal static class ImportedHistory
{
    public static async Task<string> WriteAsync(GitWorkTree tree, int commits, CancellationToken cancellationToken)
    {
        var script = new StringBuilder();
        for (var i = 0; i < commits; i++)
        {
            var message = $"commit {i}\n";
            var content = $"line {i}\n{new string('x', i % 97)}\n";
            script.Append(CultureInfo.InvariantCulture, $"commit refs/heads/main\ncommitter Importer <importer@example.com> {1_700_000_000 + i * 60} +0000\n")
                .Append(CultureInfo.InvariantCulture, $"data {Encoding.UTF8.GetByteCount(message)}\n{message}")
                .Append(CultureInfo.InvariantCulture, $"M 644 inline dir{i % 7}/file{i % 13}.txt\ndata {Encoding.UTF8.GetByteCount(content)}\n{content}\n");
        }

        using var input = new MemoryStream(Encoding.UTF8.GetBytes(script.ToString()));
        (await GitCli.RunAsync(tree.Path, ["fast-import", "--quiet"], cancellationToken, standardInput: input)).EnsureSuccess();
        // The work tree follows, so that later commits build on the imported files instead of deleting them.
        await tree.GitAsync(cancellationToken, "reset", "--quiet", "--hard");
        return (await tree.GitAsync(cancellationToken, "rev-parse", "refs/heads/main")).StandardOutput.Trim();
    }
}
