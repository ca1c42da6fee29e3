namespace GitHost.Web.PullRequests;

/// <summary>Refs as people read them: <c>refs/heads/main</c> is <c>main</c>, <c>refs/tags/v1</c> is <c>v1</c>.</summary>
public static class RefNames
{
    public static string Short(string refId) =>
        refId.StartsWith("refs/heads/", StringComparison.Ordinal) ? refId["refs/heads/".Length..]
        : refId.StartsWith("refs/tags/", StringComparison.Ordinal) ? refId["refs/tags/".Length..]
        : refId;
}
