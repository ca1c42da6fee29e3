using System.Text.Json;
using GitHost.Core.Paging;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// The activity stream of a pull request: every change is recorded with the action's own details
/// (as JSON), in the caller's unit of work; listed newest first as Bitbucket does.
/// </summary>
public sealed class PullRequestActivities(GitHostDbContext db, PullRequestAccess access, EpochClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="details">Serialized as the activity's details (web JSON names); null for none.</param>
    public PullRequestActivityEntity Record(PullRequestEntity pullRequest, long? userId, PullRequestAction action, object? details = null, long? commentId = null)
    {
        // Rows refer to the pull request by id alone (no navigation), so it must be saved first.
        ArgumentOutOfRangeException.ThrowIfZero(pullRequest.Id);
        var activity = new PullRequestActivityEntity
        {
            PullRequestId = pullRequest.Id,
            CreatedDate = clock.NowMs(),
            UserId = userId,
            Action = action,
            CommentId = commentId,
            Details = details is null ? null : JsonSerializer.Serialize(details, Json),
        };
        db.PullRequestActivities.Add(activity);
        return activity;
    }

    /// <summary>
    /// Newest first, with the users every activity on the page names (actors and reviewers added or
    /// removed). <paramref name="fromId"/>: start after this activity (Bitbucket's fromId with fromType=ACTIVITY).
    /// </summary>
    public async Task<ActivityPage> ListAsync(
        Principal principal, string projectKey, string slug, long number, long? fromId, PageRequest page, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var query = db.PullRequestActivities.AsNoTracking().Where(a => a.PullRequestId == target.PullRequest.Id);
        if (fromId is { } from)
        {
            query = query.Where(a => a.Id < from);
        }

        var found = await query.OrderByDescending(a => a.Id).ToPageAsync(page, cancellationToken);
        var userIds = found.Values.SelectMany(ReferencedUsers).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        return new ActivityPage(target, found, users);
    }

    private static IEnumerable<long> ReferencedUsers(PullRequestActivityEntity activity)
    {
        if (activity.UserId is { } actor)
        {
            yield return actor;
        }

        if (activity.Details is null)
        {
            yield break;
        }

        using var details = JsonDocument.Parse(activity.Details);
        foreach (var name in new[] { "addedReviewers", "removedReviewers" })
        {
            if (details.RootElement.TryGetProperty(name, out var ids) && ids.ValueKind == JsonValueKind.Array)
            {
                foreach (var id in ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Number).Select(i => i.GetInt64()).ToList())
                {
                    yield return id;
                }
            }
        }
    }
}

/// <summary>A page of activities and the users they name, by id.</summary>
public sealed record ActivityPage(PullRequestTarget Target, Page<PullRequestActivityEntity> Page, IReadOnlyDictionary<long, Data.Users.UserEntity> Users);
