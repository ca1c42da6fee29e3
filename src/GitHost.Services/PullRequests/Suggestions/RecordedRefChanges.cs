using System.Text.Json;
using GitHost.Data;
using GitHost.Services.Content.Refs;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests.Suggestions;

/// <summary>One branch change a user made, read back from its <c>repo:refs_changed</c> outbox event.</summary>
public sealed record RecordedRefChange(long RepositoryId, long Time, SuggestedRefChange Change);

/// <summary>
/// The ref changes a user made, newest first, read from the <c>repo:refs_changed</c> events every
/// door records in the outbox (pushes over HTTP and SSH, and server-side moves: REST branches,
/// merges, rebases). The outbox keeps delivered events, so it is the push log; the scan is bounded
/// by time and by <see cref="MaxEvents"/>, and uses the (ActorUserId, CreatedDate) index.
/// </summary>
public sealed class RecordedRefChanges(GitHostDbContext db)
{
    /// <summary>At most this many of the user's newest events are read per request.</summary>
    public const int MaxEvents = 500;

    public async Task<IReadOnlyList<RecordedRefChange>> ForUserAsync(long userId, long sinceMs, CancellationToken cancellationToken)
    {
        var events = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ActorUserId == userId && m.CreatedDate >= sinceMs && m.EventKey == RefChangeRecorder.EventKey)
            .OrderByDescending(m => m.CreatedDate).ThenByDescending(m => m.Id)
            .Take(MaxEvents)
            .Select(m => new { m.CreatedDate, m.Payload })
            .ToListAsync(cancellationToken);
        var changes = new List<RecordedRefChange>();
        foreach (var recorded in events)
        {
            changes.AddRange(Parse(recorded.CreatedDate, recorded.Payload));
        }

        return changes;
    }

    /// <summary>The branch changes of one payload, last change first (a push lists them in the order git sent them).</summary>
    private static IEnumerable<RecordedRefChange> Parse(long time, string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (!root.TryGetProperty("repository", out var repository) || !repository.TryGetProperty("id", out var id) || !id.TryGetInt64(out var repositoryId)
            || !root.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var found = new List<RecordedRefChange>();
        foreach (var change in changes.EnumerateArray())
        {
            if (Text(change, "refId") is { } refId && Text(change, "fromHash") is { } from && Text(change, "toHash") is { } to && Text(change, "type") is { } type)
            {
                var display = change.TryGetProperty("ref", out var @ref) ? Text(@ref, "displayId") : null;
                found.Add(new RecordedRefChange(repositoryId, time, new SuggestedRefChange(refId, display ?? PullRequestRefs.DisplayId(refId), from, to, type)));
            }
        }

        found.Reverse();
        return found;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
