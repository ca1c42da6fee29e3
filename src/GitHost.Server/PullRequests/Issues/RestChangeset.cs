using GitHost.Server.Content.Changes;
using GitHost.Server.Content.Commits;
using GitHost.Server.Rest;

namespace GitHost.Server.PullRequests.Issues;

/// <summary>
/// Bitbucket's <c>RestChangeset</c>: a commit (<c>toCommit</c>) against its first parent (<c>fromCommit</c>,
/// absent for a root commit), the first <c>maxChanges</c> files it changed, and its repository.
/// </summary>
internal sealed record RestChangeset(
    RestMinimalCommit? FromCommit, RestCommit ToCommit, RestPage<RestChange> Changes, RestRepository Repository, RestLinks Links);
