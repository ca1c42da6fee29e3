using GitHost.Server.Content.Refs;

namespace GitHost.Server.PullRequests;

/// <summary>Bitbucket's <c>RestRefChange</c> (<c>{ref, refId, fromHash, toHash, type}</c>), as rebase results and pull request suggestions carry it.</summary>
internal sealed record RestRefChange(RestMinimalRef Ref, string RefId, string FromHash, string ToHash, string Type);
