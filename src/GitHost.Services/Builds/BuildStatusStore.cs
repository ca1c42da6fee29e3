using GitHost.Data;
using GitHost.Data.Builds;

namespace GitHost.Services.Builds;

/// <summary>Writes a status: a new row, or the same key's row replaced (its created date kept).</summary>
internal static class BuildStatusStore
{
    public static async Task UpsertAsync(
        GitHostDbContext db, BuildStatusEntity? existing, long? repositoryId, string sha, BuildStatusInput input, long now, CancellationToken cancellationToken)
    {
        var row = existing ?? new BuildStatusEntity { RepositoryId = repositoryId, CommitId = sha, Key = input.Key, CreatedDate = now };
        row.State = input.State;
        row.Url = input.Url;
        row.Name = input.Name;
        row.Description = input.Description;
        row.BuildNumber = input.BuildNumber;
        row.Parent = input.Parent;
        row.Ref = input.Ref;
        row.Duration = input.Duration;
        row.TestsSuccessful = input.TestsSuccessful;
        row.TestsFailed = input.TestsFailed;
        row.TestsSkipped = input.TestsSkipped;
        row.UpdatedDate = now;
        if (existing is null)
        {
            db.BuildStatuses.Add(row);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
