using LibGit2Sharp;

namespace GitHost.Git.Reading;

/// <summary>
/// A repository's objects together with a push's quarantined ones, read through LibGit2Sharp (see
/// <see cref="QuarantineViews"/>); no refs. Not safe to share between threads; dispose it promptly.
/// </summary>
public sealed class QuarantineView(Repository repository, Action release) : IDisposable
{
    public Repository Repository => repository;

    public void Dispose()
    {
        repository.Dispose();
        release();
    }
}
