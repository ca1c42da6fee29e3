using GitHost.Data.Users;
using GitHost.Services.Permissions;

namespace GitHost.Services.PullRequests;

/// <summary>
/// The reviewers a new pull request gets without asking (Bitbucket's default reviewers: conditions
/// on the source and target refs, at project and repository level). Creation adds them to the ones
/// the client named; the author is never among them.
/// </summary>
public interface IDefaultReviewers
{
    Task<IReadOnlyList<UserEntity>> ForAsync(
        RepositoryWithProject target, RepositoryWithProject source, string fromRef, string toRef, long authorId, CancellationToken cancellationToken);
}
