namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    /// <summary>Build statuses, required builds, Code Insights and default reviewers.</summary>
    private static MatrixRow[] BuildAndInsightRows =>
    [
    ];
}
