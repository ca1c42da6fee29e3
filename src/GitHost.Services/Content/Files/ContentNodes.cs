using GitHost.Core.Failures;
using LibGit2Sharp;

namespace GitHost.Services.Content.Files;

/// <summary>Finds what a path names in a commit's tree; the root is the commit's tree itself.</summary>
internal static class ContentNodes
{
    public const string NoSuchPath = "com.atlassian.bitbucket.content.NoSuchPathException";

    /// <summary>The tree entry at <paramref name="path"/>, or null for the root.</summary>
    public static TreeEntry? Find(Commit commit, ContentPath path, string revision)
    {
        if (path.IsRoot)
        {
            return null;
        }

        return commit.Tree[path.ToString()] ?? throw Missing(path, revision);
    }

    public static GitHostException Missing(ContentPath path, string revision) =>
        new(FailureKind.NotFound, $"The path \"{path}\" does not exist at revision \"{revision}\".", "path", NoSuchPath);

    public static NodeType TypeOf(TreeEntry? entry) => entry?.TargetType switch
    {
        null or TreeEntryTargetType.Tree => NodeType.Directory,
        TreeEntryTargetType.GitLink => NodeType.Submodule,
        _ => NodeType.File,
    };
}
