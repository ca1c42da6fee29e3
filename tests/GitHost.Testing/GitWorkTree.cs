namespace GitHost.Testing;

/// <summary>
/// A throw-away clone-like work tree for building commits with the real git client.
/// <code>
/// using var tree = await GitWorkTree.InitAsync(ct);
/// await tree.WriteAsync("README.md", "hello\n");
/// var sha = await tree.CommitAsync("first", ct);
/// await tree.PushAsync(server.RepositoryPath(repoId), ct, "main");
/// </code>
/// </summary>
public sealed class GitWorkTree : IDisposable
{
    private GitWorkTree(string path) => Path = path;

    public string Path { get; }

    public static async Task<GitWorkTree> InitAsync(CancellationToken cancellationToken, string initialBranch = "main")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "githost-tree-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var tree = new GitWorkTree(path);
        await tree.GitAsync(cancellationToken, "init", "--quiet", "--initial-branch=" + initialBranch);
        return tree;
    }

    /// <summary>Writes (or overwrites) a file, creating its folders.</summary>
    public async Task WriteAsync(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, content);
    }

    public async Task WriteAsync(string relativePath, byte[] content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, content);
    }

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Path, relativePath));

    /// <summary>Stages everything and commits; returns the new commit id.</summary>
    public async Task<string> CommitAsync(string message, CancellationToken cancellationToken)
    {
        await GitAsync(cancellationToken, "add", "--all");
        await GitAsync(cancellationToken, "commit", "--quiet", "--allow-empty", "-m", message);
        return await HeadAsync(cancellationToken);
    }

    public async Task<string> HeadAsync(CancellationToken cancellationToken) =>
        (await GitAsync(cancellationToken, "rev-parse", "HEAD")).StandardOutput.Trim();

    /// <summary>Pushes refspecs (default: every branch and tag) to a repository path or URL.</summary>
    public Task<GitRun> PushAsync(string remote, CancellationToken cancellationToken, params string[] refspecs)
    {
        string[] arguments = refspecs.Length == 0
            ? ["push", "--quiet", remote, "--all"]
            : ["push", "--quiet", remote, .. refspecs];
        return GitAsync(cancellationToken, arguments);
    }

    /// <summary>Runs git in this tree and fails the test on a non-zero exit.</summary>
    public async Task<GitRun> GitAsync(CancellationToken cancellationToken, params string[] arguments) =>
        (await GitCli.RunAsync(Path, arguments, cancellationToken)).EnsureSuccess();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over cleanup.
        }
    }
}
