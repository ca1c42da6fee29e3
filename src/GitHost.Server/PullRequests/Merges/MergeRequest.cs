using System.Text.Json;

namespace GitHost.Server.PullRequests.Merges;

/// <summary>
/// Bitbucket's <c>RestPullRequestMergeRequest</c>: <c>{version?, message?, autoSubject?, strategyId?, autoMerge?}</c>.
/// <c>autoSubject</c> is documented as a string and sent as a boolean by clients, so both are taken.
/// </summary>
internal sealed record MergeRequest(int? Version, string? Message, JsonElement? AutoSubject, string? StrategyId, bool? AutoMerge)
{
    public bool? AutoSubjectFlag => AutoSubject?.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(AutoSubject.Value.GetString(), out var parsed) => parsed,
        _ => null,
    };
}
