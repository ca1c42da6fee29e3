using System.Text.Json;
using GitHost.Data.Outbox;
using GitHost.Services.Content.Refs;
using GitHost.Services.PullRequests;

namespace GitHost.Services.Pipelines.Triggers;

/// <summary>
/// Reads the outbox events that can start pipelines, in the Bitbucket webhook shapes they were written in:
/// <c>repo:refs_changed</c> (a push, a branch or tag made over REST, a merge) and <c>pr:opened</c> /
/// <c>pr:from_ref_updated</c>. A pull request from a fork starts nothing: its pipeline would run the fork
/// author's script with the target repository's variables.
/// </summary>
public static class TriggerEventReader
{
    public static bool IsTrigger(string eventKey) =>
        eventKey is RefChangeRecorder.EventKey or PullRequestEvents.Opened or PullRequestEvents.FromRefUpdated;

    public static IReadOnlyList<TriggerEvent> Read(OutboxMessageEntity message)
    {
        if (!IsTrigger(message.EventKey))
        {
            return [];
        }

        using var document = JsonDocument.Parse(message.Payload);
        var root = document.RootElement;
        return message.EventKey == RefChangeRecorder.EventKey ? RefsChanged(root, message.ActorUserId) : PullRequest(root, message.ActorUserId);
    }

    private static List<TriggerEvent> RefsChanged(JsonElement root, long? actor)
    {
        var events = new List<TriggerEvent>();
        if (!root.TryGetProperty("repository", out var repository) || !repository.TryGetProperty("id", out var id)
            || !root.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
        {
            return events;
        }

        foreach (var change in changes.EnumerateArray())
        {
            var type = Text(change, "type");
            var toHash = Text(change, "toHash");
            if (type == "DELETE" || toHash is null || !change.TryGetProperty("ref", out var @ref) || Text(@ref, "displayId") is not { } name)
            {
                continue;
            }

            var fromHash = type == "ADD" ? null : Text(change, "fromHash");
            events.Add(new RefMovedEvent(id.GetInt64(), actor, Text(@ref, "type") == "TAG", name, fromHash, toHash));
        }

        return events;
    }

    private static List<TriggerEvent> PullRequest(JsonElement root, long? actor)
    {
        if (!root.TryGetProperty("pullRequest", out var pr) || !pr.TryGetProperty("fromRef", out var from) || !pr.TryGetProperty("toRef", out var to)
            || RepositoryId(from) is not { } fromRepository || RepositoryId(to) is not { } toRepository || fromRepository != toRepository
            || Text(from, "displayId") is not { } source || Text(from, "latestCommit") is not { } commit || Text(to, "displayId") is not { } destination)
        {
            return [];
        }

        return [new PullRequestSourceEvent(toRepository, actor, pr.GetProperty("id").GetInt64(), source, commit, destination, Text(to, "latestCommit"))];
    }

    private static long? RepositoryId(JsonElement @ref) =>
        @ref.TryGetProperty("repository", out var repository) && repository.TryGetProperty("id", out var id) ? id.GetInt64() : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
