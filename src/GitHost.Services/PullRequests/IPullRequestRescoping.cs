using GitHost.Core.Security;

namespace GitHost.Services.PullRequests;

/// <summary>
/// What happens to pull requests when refs move, whoever moved them (a push over HTTP or SSH, a
/// branch created or deleted over REST, a merge made by GitHost): open pull requests whose source or
/// target moved are rescoped, and those whose changes all reached the target become MERGED.
/// Every door that moves refs calls this after the move.
/// </summary>
public interface IPullRequestRescoping
{
    Task RefsMovedAsync(long repositoryId, IReadOnlyList<RefMove> moves, Principal actor, CancellationToken cancellationToken);
}

/// <summary>A ref that moved: ids are 40 zeros for a ref created (old) or deleted (new).</summary>
public sealed record RefMove(string RefName, string OldId, string NewId);

/// <summary>Until rescoping is built: refs move, pull requests keep their scope.</summary>
public sealed class NoRescoping : IPullRequestRescoping
{
    public Task RefsMovedAsync(long repositoryId, IReadOnlyList<RefMove> moves, Principal actor, CancellationToken cancellationToken) => Task.CompletedTask;
}
