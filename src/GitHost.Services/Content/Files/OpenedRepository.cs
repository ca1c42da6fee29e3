using GitHost.Services.Permissions;
using LibGit2Sharp;

namespace GitHost.Services.Content.Files;

/// <summary>
/// A repository the caller may read, opened for one request: the entity, its bare directory (for
/// git processes) and a LibGit2Sharp handle that belongs to this request alone.
/// </summary>
public sealed class OpenedRepository(RepositoryWithProject entity, Repository git, string gitDir) : IDisposable
{
    public RepositoryWithProject Entity { get; } = entity;

    public Repository Git { get; } = git;

    public string GitDir { get; } = gitDir;

    public void Dispose() => Git.Dispose();
}
