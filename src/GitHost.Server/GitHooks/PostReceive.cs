using System.Text.Json;
using GitHost.Server.Content.Commits;
using GitHost.Server.Content.Refs;
using GitHost.Server.Repositories;
using GitHost.Server.Rest;
using GitHost.Services.Git;
using GitHost.Services.PullRequests;
using GitHost.Services.Repositories;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GitHost.Server.GitHooks;

/// <summary>
/// What follows a push that landed, wherever it is done (the post-receive hook, or the recovery of a push
/// whose node died before its hook ran): the <c>repo:refs_changed</c> event, with the repository, the
/// pusher and the commits as the REST API shows them, and the pull requests the push moves.
/// </summary>
internal sealed class PostReceive(
    RefsChangedRecorder recorder, IPullRequestRescoping rescoping, RefEventActors actors, RefsChangedCommits pushed,
    CommitRestMapper commitMapper, RepositoryListing repositories, RestMapper mapper, LinkBuilder links, IOptions<JsonOptions> json)
{
    /// <summary>Records the push once and returns the lines to print to the pusher.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(PushTarget target, IReadOnlyList<RefUpdate> updates, CancellationToken cancellationToken)
    {
        // Links in the event point where the pusher's client pointed.
        links.UseBaseUrl(target.Session.BaseUrl);
        var options = json.Value.SerializerOptions;
        var principal = target.Session.Principal;
        var details = await repositories.DetailsAsync(target.Repository, cancellationToken);
        var repository = JsonSerializer.SerializeToElement(mapper.ToRest(details, principal), options);
        var actor = await actors.ActorAsync(principal, cancellationToken) is { } found
            ? JsonSerializer.SerializeToElement(found, options)
            : (object?)null;
        var (commits, toCommit) = await pushed.ReadAsync(
            target.Session.RepositoryId, updates.Select(u => (u.RefName, u.OldId, u.NewId)).ToList(), cancellationToken);
        object? commitsJson = null, toCommitJson = null;
        if (toCommit is not null)
        {
            commitsJson = JsonSerializer.SerializeToElement(await commitMapper.ToRestAsync(commits, cancellationToken), options);
            toCommitJson = JsonSerializer.SerializeToElement(await commitMapper.ToRestAsync(toCommit, cancellationToken), options);
        }

        var lines = await recorder.RecordAsync(target, updates, actor, repository, cancellationToken, commitsJson, toCommitJson);

        // The push is in: pull requests from or into the moved branches follow (git push waits, so the pusher sees them rescoped).
        var moves = updates.Select(u => new RefMove(u.RefName, u.OldId, u.NewId)).ToList();
        await rescoping.RefsMovedAsync(target.Session.RepositoryId, moves, principal, cancellationToken);
        return lines;
    }
}
