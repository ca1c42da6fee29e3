using System.Globalization;

namespace GitHost.Git.Storage;

/// <summary>
/// Where repositories live: <c>{home}/shared/repos/{id}</c>. Paths come only from numeric ids,
/// never from names, so no user input can reach the file system.
/// </summary>
public sealed class RepositoryLayout(string dataHome)
{
    public string RepositoriesRoot { get; } = Path.Combine(dataHome, "shared", "repos");

    public string PathOf(long repositoryId) =>
        Path.Combine(RepositoriesRoot, repositoryId.ToString(CultureInfo.InvariantCulture));
}
