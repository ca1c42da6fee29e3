using GitHost.Core.BranchPermissions;
using GitHost.Core.PullRequests;

namespace GitHost.Web.Settings;

/// <summary>Restriction types and matcher types in the words the branch permissions page uses.</summary>
internal static class BranchPermissionNames
{
    /// <summary>The matcher types the page offers, by their REST id.</summary>
    public static IReadOnlyList<(string Id, string Name)> MatcherTypes { get; } =
    [
        ("BRANCH", "Branch"),
        ("PATTERN", "Branch pattern"),
        ("MODEL_CATEGORY", "Branching model category"),
        ("MODEL_BRANCH", "Branching model branch"),
        ("ANY_REF", "Every branch"),
    ];

    public static string OfType(RefRestrictionType type) => type switch
    {
        RefRestrictionType.ReadOnly => "No changes",
        RefRestrictionType.NoDeletes => "No deletion",
        RefRestrictionType.FastForwardOnly => "No history rewrite",
        RefRestrictionType.PullRequestOnly => "Changes only by pull request",
        _ => type.ToString(),
    };

    public static string OfMatcher(RefMatcherType type) => type switch
    {
        RefMatcherType.Branch => "Branch",
        RefMatcherType.Pattern => "Pattern",
        RefMatcherType.ModelCategory => "Category",
        RefMatcherType.ModelBranch => "Model branch",
        RefMatcherType.AnyRef => "Every branch",
        _ => type.ToString(),
    };
}
