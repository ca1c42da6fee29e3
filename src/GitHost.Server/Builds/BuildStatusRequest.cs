using GitHost.Services.Builds;

namespace GitHost.Server.Builds;

/// <summary><c>RestBuildStatusSetRequest</c>; the legacy API sends the same fields, fewer of them.</summary>
internal sealed record BuildStatusRequest(
    string? Key,
    string? State,
    string? Url,
    string? Name,
    string? Description,
    string? BuildNumber,
    string? Parent,
    string? Ref,
    long? Duration,
    RestTestResults? TestResults)
{
    public BuildStatusInput ToInput() => new(
        Key ?? "",
        BuildStatusValidation.ParseState(State),
        Url ?? "",
        Name,
        Description,
        BuildNumber,
        Parent,
        Ref,
        Duration,
        TestResults?.Successful,
        TestResults?.Failed,
        TestResults?.Skipped);
}

internal sealed record RestTestResults(int? Successful, int? Failed, int? Skipped);
