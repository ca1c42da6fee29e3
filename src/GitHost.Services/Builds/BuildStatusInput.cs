using GitHost.Core.Builds;

namespace GitHost.Services.Builds;

/// <summary>A build status as posted, already parsed: see <see cref="BuildStatusValidation"/>.</summary>
public sealed record BuildStatusInput(
    string Key,
    BuildState State,
    string Url,
    string? Name,
    string? Description,
    string? BuildNumber,
    string? Parent,
    string? Ref,
    long? Duration,
    int? TestsSuccessful,
    int? TestsFailed,
    int? TestsSkipped);
