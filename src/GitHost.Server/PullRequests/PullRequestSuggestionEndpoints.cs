using GitHost.Core.Failures;
using GitHost.Core.Parsing;
using GitHost.Server.Auth;
using GitHost.Server.Content.Refs;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests;
using GitHost.Services.PullRequests.Suggestions;

namespace GitHost.Server.PullRequests;

/// <summary>
/// <c>GET /dashboard/pull-request-suggestions?changesSince=&amp;limit=</c>: a page (never more than one,
/// as in Bitbucket) of branches the caller pushed recently that have no open pull request.
/// </summary>
internal static class PullRequestSuggestionEndpoints
{
    public static RouteGroupBuilder MapPullRequestSuggestionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard/pull-request-suggestions", SuggestAsync);
        return api;
    }

    private static async Task<RestPage<RestPullRequestSuggestion>> SuggestAsync(
        HttpContext http, PullRequestSuggestions suggestions, RestMapper mapper, string? changesSince, string? limit)
    {
        var principal = http.GetPrincipal();
        var max = Number(limit, "limit");
        var found = await suggestions.SuggestAsync(principal, Number(changesSince, "changesSince"), max, http.RequestAborted);
        var values = found.Select(s =>
        {
            var repository = mapper.Repository(s.Repository.Repository, mapper.Project(s.Repository.Project), principal);
            var from = new RestMinimalRef(s.Change.RefId, s.Change.DisplayId, "BRANCH");
            var to = new RestMinimalRef(PullRequestRefs.Heads + s.Repository.Repository.DefaultBranch, s.Repository.Repository.DefaultBranch, "BRANCH");
            return new RestPullRequestSuggestion(
                s.ChangeTime, new RestRefChange(from, s.Change.RefId, s.Change.FromHash, s.Change.ToHash, s.Change.Type), repository, from, to);
        }).ToList();
        return new RestPage<RestPullRequestSuggestion>(values.Count, (int)(max ?? PullRequestSuggestions.DefaultLimit), true, 0, null, values);
    }

    /// <summary>Both parameters are documented as strings; only decimal digits are taken (a value too large for a long is refused, not wrapped).</summary>
    private static long? Number(string? value, string name) =>
        string.IsNullOrEmpty(value) ? null
        : DecimalDigits.TryParse(value, out long parsed) ? parsed
        : throw GitHostException.Invalid($"'{Clip(value)}' is not a valid {name}: send a whole number.", name);

    private static string Clip(string value) => new(value.Take(40).Where(c => !char.IsControl(c)).ToArray());
}
