using GitHost.Data.Builds;
using GitHost.Services.Builds;

namespace GitHost.Server.Builds;

/// <summary><c>RestBuildStatus</c> of <c>/rest/api/1.0/.../commits/{sha}/builds</c>.</summary>
internal sealed record RestBuildStatus(
    string Key,
    string State,
    string Url,
    string? Name,
    string? Description,
    string? BuildNumber,
    string? Parent,
    string? Ref,
    long? Duration,
    RestTestResults? TestResults,
    long CreatedDate,
    long UpdatedDate)
{
    public static RestBuildStatus From(BuildStatusEntity status) => new(
        status.Key,
        BuildStatusValidation.ToWire(status.State),
        status.Url,
        status.Name,
        status.Description,
        status.BuildNumber,
        status.Parent,
        status.Ref,
        status.Duration,
        status.TestsSuccessful is null && status.TestsFailed is null && status.TestsSkipped is null
            ? null
            : new RestTestResults(status.TestsSuccessful ?? 0, status.TestsFailed ?? 0, status.TestsSkipped ?? 0),
        status.CreatedDate,
        status.UpdatedDate);
}

/// <summary>The legacy <c>/rest/build-status/1.0</c> shape: <c>{state, key, name, url, description, dateAdded}</c>.</summary>
internal sealed record RestLegacyBuildStatus(string State, string Key, string? Name, string Url, string? Description, long DateAdded)
{
    public static RestLegacyBuildStatus From(BuildStatusEntity status) => new(
        BuildStatusValidation.ToWire(status.State), status.Key, status.Name, status.Url, status.Description, status.UpdatedDate);
}

internal sealed record RestBuildStats(int Successful, int Failed, int InProgress, int Cancelled, int Unknown)
{
    public static RestBuildStats From(BuildStats stats) =>
        new(stats.Successful, stats.Failed, stats.InProgress, stats.Cancelled, stats.Unknown);
}
