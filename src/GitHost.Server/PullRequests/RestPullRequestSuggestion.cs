using GitHost.Server.Content.Refs;
using GitHost.Server.Rest;

namespace GitHost.Server.PullRequests;

/// <summary>
/// Bitbucket's <c>RestPullRequestSuggestion</c>. The 9.x OpenAPI document spells the time <c>changeTme</c>;
/// Bitbucket itself and its clients use <c>changeTime</c> (epoch milliseconds), which is what is sent.
/// </summary>
internal sealed record RestPullRequestSuggestion(long ChangeTime, RestRefChange RefChange, RestRepository Repository, RestMinimalRef FromRef, RestMinimalRef ToRef);
