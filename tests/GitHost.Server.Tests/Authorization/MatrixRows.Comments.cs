namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    /// <summary>Comments, tasks, reviews and reactions on pull requests and commits.</summary>
    private static MatrixRow[] CommentRows =>
    [
    ];
}
