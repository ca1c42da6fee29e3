using System.Text.Json;
using System.Text.Json.Nodes;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Outbox;
using GitHost.Server.Repositories;
using GitHost.Server.Rest;
using GitHost.Services.Git;
using GitHost.Services.Repositories;
using GitHost.Services.Webhooks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Webhooks;

/// <summary>
/// Webhook bodies from outbox messages. Ref, pull request and commit comment events are stored in
/// Bitbucket's shape already and go out as stored; <c>repo:modified</c>, <c>repo:forked</c> and
/// <c>project:modified</c> are stored as ids and get their repositories and projects here.
/// </summary>
internal sealed class RestWebhookEventShaper(
    GitHostDbContext db, RestMapper mapper, RepositoryListing repositories, IOptions<JsonOptions> json) : IWebhookEventShaper
{
    public async Task<ShapedEvent?> ShapeAsync(OutboxMessageEntity message, CancellationToken cancellationToken)
    {
        if (JsonNode.Parse(message.Payload) is not JsonObject payload)
        {
            return null;
        }

        return message.EventKey switch
        {
            "repo:modified" => await RepositoryModifiedAsync(message, payload, cancellationToken),
            "repo:forked" => await RepositoryForkedAsync(message, payload, cancellationToken),
            "project:modified" => await ProjectModifiedAsync(message, payload, cancellationToken),
            _ => AsStored(payload),
        };
    }

    /// <summary>Bitbucket-shaped already: the scope is the repository, or the pull request's target repository.</summary>
    private static ShapedEvent? AsStored(JsonObject payload)
    {
        var repository = payload["repository"] ?? payload["pullRequest"]?["toRef"]?["repository"];
        if (repository?["id"]?.GetValue<long>() is not { } repositoryId)
        {
            return null;
        }

        return new ShapedEvent(new WebhookScope(repositoryId, repository["project"]?["id"]?.GetValue<long>()), payload.ToJsonString());
    }

    private async Task<ShapedEvent?> RepositoryModifiedAsync(OutboxMessageEntity message, JsonObject payload, CancellationToken cancellationToken)
    {
        if (payload["new"]?["repositoryId"]?.GetValue<long>() is not { } id || await RepositoryAsync(id, cancellationToken) is not { } current)
        {
            return null;
        }

        // Both sides start from the repository as it is now and take the fields the event kept, so an
        // event shaped after later changes still shows its own old and new values.
        var body = await EnvelopeAsync(message, cancellationToken);
        body["old"] = AsRecorded(current, payload["old"]);
        body["new"] = AsRecorded(current, payload["new"]);
        return new ShapedEvent(new WebhookScope(id, current["project"]?["id"]?.GetValue<long>()), body.ToJsonString());
    }

    private static JsonObject AsRecorded(JsonObject current, JsonNode? recorded)
    {
        var repository = Overlay(current, recorded, ("slug", "slug"), ("name", "name"), ("isPublic", "public"), ("forkable", "forkable"), ("archived", "archived"));
        if (recorded?["projectKey"]?.GetValue<string>() is { } key && repository["project"] is JsonObject project)
        {
            project["key"] = key;
        }

        return repository;
    }

    /// <summary>A copy of the current wire form with the fields the event kept (its description too, removed when it had none).</summary>
    private static JsonObject Overlay(JsonObject current, JsonNode? recorded, params (string From, string To)[] fields)
    {
        var copy = current.DeepClone().AsObject();
        if (recorded is not JsonObject kept)
        {
            return copy;
        }

        foreach (var (from, to) in fields)
        {
            if (kept[from] is { } value)
            {
                copy[to] = value.DeepClone();
            }
        }

        if (kept.TryGetPropertyValue("description", out var description))
        {
            if (description is null)
            {
                copy.Remove("description");
            }
            else
            {
                copy["description"] = description.DeepClone();
            }
        }

        return copy;
    }

    private async Task<ShapedEvent?> RepositoryForkedAsync(OutboxMessageEntity message, JsonObject payload, CancellationToken cancellationToken)
    {
        // Bitbucket raises it on the origin: the origin's hooks hear that it was forked, and the body names the fork.
        if (payload["repositoryId"]?.GetValue<long>() is not { } forkId || await RepositoryAsync(forkId, cancellationToken) is not { } fork)
        {
            return null;
        }

        var origin = fork["origin"];
        var body = await EnvelopeAsync(message, cancellationToken);
        body["repository"] = fork;
        var scope = origin?["id"]?.GetValue<long>() is { } originId
            ? new WebhookScope(originId, origin["project"]?["id"]?.GetValue<long>())
            : new WebhookScope(forkId, fork["project"]?["id"]?.GetValue<long>());
        return new ShapedEvent(scope, body.ToJsonString());
    }

    private async Task<ShapedEvent?> ProjectModifiedAsync(OutboxMessageEntity message, JsonObject payload, CancellationToken cancellationToken)
    {
        // Events recorded before the id was kept name the project by its new key.
        var id = payload["new"]?["id"]?.GetValue<long>();
        var key = payload["new"]?["key"]?.GetValue<string>();
        var project = id is { } projectId ? await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken)
            : key is null ? null : await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, cancellationToken);
        if (project is null)
        {
            return null;
        }

        var current = JsonSerializer.SerializeToNode(mapper.Project(project), json.Value.SerializerOptions)!.AsObject();
        var body = await EnvelopeAsync(message, cancellationToken);
        body["old"] = Overlay(current, payload["old"], ("key", "key"), ("name", "name"), ("isPublic", "public"));
        body["new"] = Overlay(current, payload["new"], ("key", "key"), ("name", "name"), ("isPublic", "public"));
        return new ShapedEvent(new WebhookScope(null, project.Id), body.ToJsonString());
    }

    private async Task<JsonObject?> RepositoryAsync(long id, CancellationToken cancellationToken)
    {
        if (!await db.Repositories.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return null;
        }

        var rest = mapper.ToRest(await repositories.DetailsAsync(id, cancellationToken), Principal.Anonymous);
        return JsonSerializer.SerializeToNode(rest, json.Value.SerializerOptions)!.AsObject();
    }

    private async Task<JsonObject> EnvelopeAsync(OutboxMessageEntity message, CancellationToken cancellationToken)
    {
        var user = message.ActorUserId is { } userId ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) : null;
        return new JsonObject
        {
            ["eventKey"] = message.EventKey,
            ["date"] = RefsChangedRecorder.BitbucketDate(message.CreatedDate),
            ["actor"] = user is null ? null : JsonSerializer.SerializeToNode(mapper.User(user), json.Value.SerializerOptions),
        };
    }
}
