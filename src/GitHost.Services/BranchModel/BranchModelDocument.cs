using GitHost.Core.RefMatching;

namespace GitHost.Services.BranchModel;

/// <summary>
/// A branching model configuration as Bitbucket's <c>branchmodel/configuration</c> has it:
/// <c>{development: {refId, useDefault}, production: {refId, useDefault}, types: [{id, displayName, enabled, prefix}]}</c>.
/// Development with <c>useDefault</c> follows the repository's default branch; production is optional.
/// </summary>
public sealed record BranchModelDocument(BranchModelBranch Development, BranchModelBranch? Production, IReadOnlyList<BranchModelType> Types)
{
    public static readonly IReadOnlyList<string> TypeIds = ["BUGFIX", "FEATURE", "HOTFIX", "RELEASE"];

    /// <summary>Bitbucket's default: development is the default branch, no production, the four usual prefixes.</summary>
    public static BranchModelDocument Default { get; } = new(
        new BranchModelBranch(null, true),
        null,
        [
            new BranchModelType("BUGFIX", "Bugfix", true, "bugfix/"),
            new BranchModelType("FEATURE", "Feature", true, "feature/"),
            new BranchModelType("HOTFIX", "Hotfix", true, "hotfix/"),
            new BranchModelType("RELEASE", "Release", true, "release/"),
        ]);

    public static string DisplayName(string typeId) => typeId switch
    {
        "BUGFIX" => "Bugfix",
        "FEATURE" => "Feature",
        "HOTFIX" => "Hotfix",
        _ => "Release",
    };

    /// <summary>The model the matchers use for a repository whose default branch is <paramref name="defaultBranch"/>.</summary>
    public BranchingModel ToModel(string defaultBranch)
    {
        var development = Development.UseDefault || Development.RefId is null ? RefIds.Qualify(defaultBranch) : Development.RefId;
        var production = Production is null ? null : Production.UseDefault || Production.RefId is null ? RefIds.Qualify(defaultBranch) : Production.RefId;
        var prefixes = Types.Where(t => t.Enabled && t.Prefix.Length > 0)
            .ToDictionary(t => t.Id, t => t.Prefix, StringComparer.OrdinalIgnoreCase);
        return new BranchingModel(development, production, prefixes);
    }
}

/// <param name="RefId">A full branch ref (<c>refs/heads/develop</c>), or null with <paramref name="UseDefault"/>.</param>
public sealed record BranchModelBranch(string? RefId, bool UseDefault);

public sealed record BranchModelType(string Id, string DisplayName, bool Enabled, string Prefix);
