using Microsoft.Extensions.Logging;

namespace GitHost.Services.Builds.Conditions;

/// <summary>Changes to merge check and default reviewer conditions, and Insights reports (event ids 5400–5499).</summary>
internal static partial class ConditionLog
{
    [LoggerMessage(EventId = 5400, Level = LogLevel.Information, Message = "{Kind} condition {ConditionId} saved for {Scope} {ScopeId} by {UserId}")]
    public static partial void ConditionSaved(ILogger logger, string kind, long conditionId, string scope, long scopeId, long? userId);

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "{Kind} condition {ConditionId} deleted from {Scope} {ScopeId} by {UserId}")]
    public static partial void ConditionDeleted(ILogger logger, string kind, long conditionId, string scope, long scopeId, long? userId);

    [LoggerMessage(EventId = 5410, Level = LogLevel.Debug, Message = "Insights report {ReportKey} on {CommitId} in {RepositoryId} stored by {UserId}")]
    public static partial void ReportStored(ILogger logger, string reportKey, string commitId, long repositoryId, long? userId);

    [LoggerMessage(EventId = 5411, Level = LogLevel.Debug, Message = "Insights report {ReportKey} on {CommitId} in {RepositoryId} deleted by {UserId}")]
    public static partial void ReportDeleted(ILogger logger, string reportKey, string commitId, long repositoryId, long? userId);
}
