namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    /// <summary>Merging, merge checks, pull request settings and auto-merge.</summary>
    private static MatrixRow[] MergeRows =>
    [
    ];
}
