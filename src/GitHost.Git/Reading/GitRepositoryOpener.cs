using GitHost.Git.Storage;
using LibGit2Sharp;

namespace GitHost.Git.Reading;

/// <summary>
/// Opens a bare repository for reading with LibGit2Sharp. A <see cref="Repository"/> is not safe to
/// share between threads, so each caller opens its own and disposes it when done; opening costs a
/// few file reads (config, HEAD, packs are mapped lazily).
/// </summary>
public sealed class GitRepositoryOpener(RepositoryLayout layout)
{
    public Repository Open(long repositoryId)
    {
        var path = layout.PathOf(repositoryId);
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"The repository with id {repositoryId} has no directory on disk.");
        }

        return new Repository(path);
    }
}
