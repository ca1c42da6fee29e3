namespace GitHost.Core.RefMatching;

/// <summary>Bitbucket accepts a branch by its short name or its full ref; matching compares full refs.</summary>
public static class RefIds
{
    public const string HeadsPrefix = "refs/heads/";

    public static string Qualify(string refId) =>
        refId.StartsWith("refs/", StringComparison.Ordinal) ? refId : HeadsPrefix + refId;

    public static string Shorten(string refId) =>
        refId.StartsWith(HeadsPrefix, StringComparison.Ordinal) ? refId[HeadsPrefix.Length..]
        : refId.StartsWith("refs/tags/", StringComparison.Ordinal) ? refId["refs/tags/".Length..]
        : refId;
}
