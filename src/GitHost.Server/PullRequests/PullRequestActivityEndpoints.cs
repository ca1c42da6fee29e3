using System.Globalization;
using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Parsing;
using GitHost.Core.PullRequests;
using GitHost.Data.PullRequests;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests;

namespace GitHost.Server.PullRequests;

/// <summary>
/// <c>GET .../pull-requests/{id}/activities</c>: Bitbucket's activity stream, newest first. Each entry
/// is <c>{id, createdDate, user, action}</c> plus what its action adds (reviewers added and removed,
/// previous title and description, the rescoped hashes, the comment). Clients must tolerate members
/// they do not know, as Bitbucket's own documentation says.
/// </summary>
internal static class PullRequestActivityEndpoints
{
    public static RouteGroupBuilder MapPullRequestActivityEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(PullRequestEndpoints.One + "/activities", ListAsync);
        return api;
    }

    private static async Task<RestPage<Dictionary<string, object?>>> ListAsync(
        HttpContext http, PullRequestActivities activities, RestMapper mapper, string projectKey, string slug, long pullRequestId,
        string? fromId, string? fromType, int? start, int? limit)
    {
        long? from = null;
        if (!string.IsNullOrEmpty(fromId) && (fromType is null || fromType.Equals("ACTIVITY", StringComparison.OrdinalIgnoreCase)))
        {
            from = DecimalDigits.TryParse(fromId, out long parsed)
                ? parsed
                : throw GitHostException.Invalid($"'{fromId}' is not an activity id.", "fromId");
        }

        var page = await activities.ListAsync(http.GetPrincipal(), projectKey, slug, pullRequestId, from, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<Dictionary<string, object?>>.From(page.Page, a => ToRest(mapper, a, page.Users));
    }

    private static Dictionary<string, object?> ToRest(RestMapper mapper, PullRequestActivityEntity activity, IReadOnlyDictionary<long, Data.Users.UserEntity> users)
    {
        var rest = new Dictionary<string, object?>
        {
            ["id"] = activity.Id,
            ["createdDate"] = activity.CreatedDate,
            ["user"] = activity.UserId is { } userId ? mapper.UserOrFormer(users.GetValueOrDefault(userId), userId) : null,
            ["action"] = ActionName(activity.Action),
        };
        if (activity.Details is null)
        {
            return rest;
        }

        using var details = JsonDocument.Parse(activity.Details);
        foreach (var property in details.RootElement.EnumerateObject())
        {
            rest[property.Name] = property.Name is "addedReviewers" or "removedReviewers" && property.Value.ValueKind == JsonValueKind.Array
                ? property.Value.EnumerateArray().Select(id => mapper.UserOrFormer(users.GetValueOrDefault(id.GetInt64()), id.GetInt64())).ToList()
                : property.Value.Clone();
        }

        return rest;
    }

    /// <summary><c>AUTO_MERGE_REQUESTED</c> for <see cref="PullRequestAction.AutoMergeRequested"/>, and so on.</summary>
    public static string ActionName(PullRequestAction action) =>
        string.Concat(action.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
