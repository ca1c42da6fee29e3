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

        // The old side is the repository as it is now, with the names it had (its other fields are not kept).
        var old = current.DeepClone().AsObject();
        if (payload["old"]?["slug"]?.GetValue<string>() is { } oldSlug)
        {
            old["slug"] = oldSlug;
        }

        if (payload["old"]?["projectKey"]?.GetValue<string>() is { } oldKey && old["project"] is JsonObject oldProject)
        {
            oldProject["key"] = oldKey;
        }

        var body = await EnvelopeAsync(message, cancellationToken);
        body["old"] = old;
        body["new"] = current;
        return new ShapedEvent(new WebhookScope(id, current["project"]?["id"]?.GetValue<long>()), body.ToJsonString());
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
        var key = payload["new"]?["key"]?.GetValue<string>();
        var project = key is null ? null : await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, cancellationToken);
        if (project is null)
        {
            return null;
        }

        var current = JsonSerializer.SerializeToNode(mapper.Project(project), json.Value.SerializerOptions)!.AsObject();
        var old = current.DeepClone().AsObject();
        if (payload["old"]?["key"]?.GetValue<string>() is { } oldKey)
        {
            old["key"] = oldKey;
        }

        var body = await EnvelopeAsync(message, cancellationToken);
        body["old"] = old;
        body["new"] = current;
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
