namespace GitHost.Core.RefMatching;

/// <summary>
/// The branching model the MODEL_BRANCH and MODEL_CATEGORY matchers consult. Bitbucket's default
/// model: development is the repository's default branch, no production branch, and the categories
/// FEATURE, BUGFIX, HOTFIX and RELEASE by the prefixes <c>feature/</c>, <c>bugfix/</c>, <c>hotfix/</c>
/// and <c>release/</c>.
/// </summary>
public sealed record BranchingModel(
    string? DevelopmentRef,
    string? ProductionRef,
    IReadOnlyDictionary<string, string> CategoryPrefixes)
{
    public static BranchingModel Default(string? defaultBranchRef) => new(
        defaultBranchRef,
        null,
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["FEATURE"] = "feature/",
            ["BUGFIX"] = "bugfix/",
            ["HOTFIX"] = "hotfix/",
            ["RELEASE"] = "release/",
        });
}
