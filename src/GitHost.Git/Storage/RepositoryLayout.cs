using System.Globalization;

namespace GitHost.Git.Storage;

/// <summary>
/// Where repositories live: <c>{home}/shared/repos/{id}</c>. Paths come only from numeric ids,
/// never from names, so no user input can reach the file system.
/// </summary>
public sealed class RepositoryLayout(string dataHome)
{
    public string RepositoriesRoot { get; } = Path.Combine(dataHome, "shared", "repos");

    /// <summary>Caches that can be rebuilt from the repositories at any time (each node may keep its own).</summary>
    public string CachesRoot { get; } = Path.Combine(dataHome, "caches");

    public string PathOf(long repositoryId) =>
        Path.Combine(RepositoriesRoot, repositoryId.ToString(CultureInfo.InvariantCulture));
}
