using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Services.Content;

namespace GitHost.Services.PullRequests;

/// <summary>
/// Reads the refs of a pull request request the way Bitbucket does: the target must be a branch
/// (<c>refs/heads/x</c> or <c>x</c>); the source may be a branch or a tag, tried in that order for a
/// short name. Values are checked before git ever sees them.
/// </summary>
public static class PullRequestRefs
{
    public const string Heads = "refs/heads/";
    public const string Tags = "refs/tags/";

    /// <summary>The full target branch name; 400 when missing or not a branch.</summary>
    public static string TargetBranch(string? id, string context = "toRef")
    {
        var value = Required(id, context);
        if (value.StartsWith("refs/", StringComparison.Ordinal) && !value.StartsWith(Heads, StringComparison.Ordinal))
        {
            throw GitHostException.Invalid($"The target of a pull request must be a branch; '{value}' is not one.", context);
        }

        var full = value.StartsWith(Heads, StringComparison.Ordinal) ? value : Heads + value;
        EnsureSafe(full[Heads.Length..], context);
        return full;
    }

    /// <summary>
    /// The candidates for a source ref, most likely first: a full <c>refs/heads/</c> or <c>refs/tags/</c>
    /// name as given, a short name as a branch then as a tag.
    /// </summary>
    public static IReadOnlyList<string> SourceCandidates(string? id, string context = "fromRef")
    {
        var value = Required(id, context);
        if (value.StartsWith("refs/", StringComparison.Ordinal))
        {
            if (!value.StartsWith(Heads, StringComparison.Ordinal) && !value.StartsWith(Tags, StringComparison.Ordinal))
            {
                throw GitHostException.Invalid($"The source of a pull request must be a branch or a tag; '{value}' is neither.", context);
            }

            EnsureSafe(value[(value.IndexOf('/', 5) + 1)..], context);
            return [value];
        }

        EnsureSafe(value, context);
        return [Heads + value, Tags + value];
    }

    /// <summary><c>main</c> for <c>refs/heads/main</c>, <c>v1</c> for <c>refs/tags/v1</c>.</summary>
    public static string DisplayId(string fullRef) =>
        fullRef.StartsWith(Heads, StringComparison.Ordinal) ? fullRef[Heads.Length..]
        : fullRef.StartsWith(Tags, StringComparison.Ordinal) ? fullRef[Tags.Length..]
        : fullRef;

    /// <summary>BRANCH or TAG, as Bitbucket's ref <c>type</c>.</summary>
    public static string TypeName(string fullRef) => fullRef.StartsWith(Tags, StringComparison.Ordinal) ? "TAG" : "BRANCH";

    private static string Required(string? id, string context) =>
        string.IsNullOrWhiteSpace(id) ? throw GitHostException.Invalid($"{context}.id is required: the branch, e.g. refs/heads/main.", context) : id.Trim();

    private static void EnsureSafe(string shortName, string context)
    {
        if (!BranchName.IsValid(shortName))
        {
            CommitResolver.EnsureSafe(shortName, context);
            throw GitHostException.Invalid($"'{shortName}' is not a valid branch or tag name.", context);
        }
    }
}
