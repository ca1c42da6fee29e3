using GitHost.Core.Security;
using GitHost.Server.Repositories;
using GitHost.Server.Rest;
using GitHost.Server.Content.Commits;
using GitHost.Services.Content.Refs;
using RefsChangedCommits = GitHost.Services.Git.RefsChangedCommits;
using GitHost.Services.Repositories;

namespace GitHost.Server.Content.Refs;

/// <summary>
/// The actor and repository of <c>repo:refs_changed</c> in Bitbucket's wire form. Links are built
/// for an anonymous viewer, so no clone URL in a stored event embeds the actor's user name.
/// </summary>
internal sealed class RestRefEventSubjects(
    RestMapper mapper, RepositoryListing repositories, RefEventActors actors, RefsChangedCommits commits, CommitRestMapper commitMapper) : IRefEventSubjects
{
    public Task<object?> ActorAsync(Principal principal, CancellationToken cancellationToken) => actors.ActorAsync(principal, cancellationToken);

    public async Task<(object? Commits, object? ToCommit)> CommitsAsync(long repositoryId, RefChange change, CancellationToken cancellationToken)
    {
        var (list, to) = await commits.ReadAsync(repositoryId, [(change.RefId, change.FromHash, change.ToHash)], cancellationToken);
        return to is null ? (null, null) : (await commitMapper.ToRestAsync(list, cancellationToken), await commitMapper.ToRestAsync(to, cancellationToken));
    }

    public async Task<object> RepositoryAsync(long repositoryId, CancellationToken cancellationToken) =>
        mapper.ToRest(await repositories.DetailsAsync(repositoryId, cancellationToken), Principal.Anonymous);
}
