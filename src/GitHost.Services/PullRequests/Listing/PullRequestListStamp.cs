using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests.Listing;

/// <summary>
/// Moves a repository's <c>PullRequestListStamp</c> on. Called inside the transaction that opens a
/// pull request, changes its state or deletes it, so the new stamp and the changed list become
/// visible together: a reader that sees the old stamp reads the list after it, never an older one
/// (see <see cref="PullRequestIdLists"/>). It also locks the repository's row until commit.
/// </summary>
internal static class PullRequestListStamp
{
    public static Task BumpAsync(GitHostDbContext db, long repositoryId, CancellationToken cancellationToken) =>
        db.Repositories.Where(r => r.Id == repositoryId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.PullRequestListStamp, r => r.PullRequestListStamp + 1), cancellationToken);
}
