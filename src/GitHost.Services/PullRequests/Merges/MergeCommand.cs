namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// Bitbucket's merge request: the version read, an optional message (with the generated subject
/// first unless <see cref="AutoSubject"/> is false), the strategy (default: the configured default).
/// </summary>
public sealed record MergeCommand(int? Version, string? Message = null, bool? AutoSubject = null, string? StrategyId = null);
