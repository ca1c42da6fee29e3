using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Core.Parsing;
using GitHost.Core.PullRequests;
using GitHost.Server.Rest;
using GitHost.Services.PullRequests;

namespace GitHost.Server.PullRequests;

/// <summary>
/// Reads the query of <c>GET .../pull-requests</c> as Bitbucket does: <c>state</c> (default OPEN; ALL),
/// <c>direction</c>, <c>at</c> (a short branch name is taken as <c>refs/heads/</c>), <c>order</c>,
/// <c>filterText</c>, <c>draft</c>, and participant filters <c>username.N</c> / <c>role.N</c> /
/// <c>approved.N</c> for N from 1, contiguous, at most 10.
/// </summary>
internal static class PullRequestQueryParser
{
    private const int MaxParticipantFilters = 10;

    public static PullRequestQuery Parse(IQueryCollection query)
    {
        var state = query["state"].ToString();
        var order = query["order"].ToString();
        if (order.Length > 0 && !order.Equals("NEWEST", StringComparison.OrdinalIgnoreCase) && !order.Equals("OLDEST", StringComparison.OrdinalIgnoreCase))
        {
            throw GitHostException.Invalid($"'{order}' is not a valid order: use NEWEST or OLDEST.", "order");
        }

        return new PullRequestQuery(
            state.Equals("ALL", StringComparison.OrdinalIgnoreCase) ? null : QueryValues.Enum<PullRequestState>(state, "state") ?? PullRequestState.Open,
            QueryValues.Enum<PullRequestDirection>(query["direction"].ToString(), "direction") ?? PullRequestDirection.Incoming,
            At(query["at"].ToString()),
            order.Equals("OLDEST", StringComparison.OrdinalIgnoreCase),
            query["filterText"].ToString() is { Length: > 0 } text ? text : null,
            Bool(query, "draft"),
            Participants(query));
    }

    private static string? At(string at) =>
        at.Length == 0 ? null : at.StartsWith("refs/", StringComparison.Ordinal) ? at : PullRequestRefs.Heads + at;

    private static IReadOnlyList<ParticipantFilter> Participants(IQueryCollection query)
    {
        var filters = new List<ParticipantFilter>();
        for (var n = 1; n <= MaxParticipantFilters + 1; n++)
        {
            var name = query[$"username.{n.ToString(CultureInfo.InvariantCulture)}"].ToString();
            if (name.Length == 0)
            {
                break;
            }

            if (n > MaxParticipantFilters)
            {
                throw GitHostException.Invalid($"At most {MaxParticipantFilters} participant filters (username.1 to username.{MaxParticipantFilters}) can be given.", "username");
            }

            var suffix = "." + n.ToString(CultureInfo.InvariantCulture);
            filters.Add(new ParticipantFilter(name, QueryValues.Enum<ParticipantRole>(query["role" + suffix].ToString(), "role" + suffix), Bool(query, "approved" + suffix)));
        }

        return filters;
    }

    private static bool? Bool(IQueryCollection query, string name)
    {
        var value = query[name].ToString();
        return value.Length == 0 ? null
            : bool.TryParse(value, out var parsed) ? parsed
            : throw GitHostException.Invalid($"'{value}' is not a valid value for {name}: use true or false.", name);
    }

    /// <summary>A version from the query (<c>?version=3</c>), where clients put it for merge, decline and reopen.</summary>
    public static int? Version(string? value) =>
        string.IsNullOrEmpty(value) ? null
        : DecimalDigits.TryParse(value, out int version) ? version
        : throw GitHostException.Invalid($"'{value}' is not a valid version: send the pull request's version number.", "version");
}
