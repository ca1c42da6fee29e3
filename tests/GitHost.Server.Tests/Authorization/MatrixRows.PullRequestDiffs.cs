namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    /// <summary>Pull request diffs, changes and commits; commit diffs.</summary>
    private static MatrixRow[] PullRequestDiffRows =>
    [
    ];
}
