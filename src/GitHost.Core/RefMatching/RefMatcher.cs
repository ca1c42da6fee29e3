using GitHost.Core.PullRequests;

namespace GitHost.Core.RefMatching;

/// <summary>
/// A Bitbucket ref matcher <c>{id, type}</c>: BRANCH (<see cref="Id"/> is a ref, short names mean
/// <c>refs/heads/</c>), PATTERN (see <see cref="RefPattern"/>), MODEL_BRANCH (<c>development</c> or
/// <c>production</c>), MODEL_CATEGORY (<c>FEATURE</c>, <c>BUGFIX</c>, <c>HOTFIX</c>, <c>RELEASE</c>)
/// or ANY_REF.
/// </summary>
public sealed record RefMatcher(RefMatcherType Type, string Id)
{
    public const string AnyRefId = "ANY_REF_MATCHER_ID";

    public static RefMatcher AnyRef { get; } = new(RefMatcherType.AnyRef, AnyRefId);

    public bool Matches(string refId, BranchingModel model)
    {
        ArgumentNullException.ThrowIfNull(refId);
        ArgumentNullException.ThrowIfNull(model);
        var qualified = RefIds.Qualify(refId);
        return Type switch
        {
            RefMatcherType.AnyRef => true,
            RefMatcherType.Branch => string.Equals(RefIds.Qualify(Id), qualified, StringComparison.Ordinal),
            RefMatcherType.Pattern => RefPattern.Matches(Id, qualified),
            RefMatcherType.ModelBranch => MatchesModelBranch(qualified, model),
            RefMatcherType.ModelCategory => MatchesModelCategory(qualified, model),
            _ => false,
        };
    }

    /// <summary>What Bitbucket shows for the matcher: the short branch name for BRANCH, else the id.</summary>
    public string DisplayId => Type == RefMatcherType.Branch ? RefIds.Shorten(Id) : Id;

    private bool MatchesModelBranch(string qualified, BranchingModel model)
    {
        var target = Id.ToLowerInvariant() switch
        {
            "development" => model.DevelopmentRef,
            "production" => model.ProductionRef,
            _ => null,
        };
        return target is not null && string.Equals(RefIds.Qualify(target), qualified, StringComparison.Ordinal);
    }

    private bool MatchesModelCategory(string qualified, BranchingModel model)
    {
        if (!model.CategoryPrefixes.TryGetValue(Id, out var prefix) || prefix.Length == 0)
        {
            return false;
        }

        var branch = qualified.StartsWith(RefIds.HeadsPrefix, StringComparison.Ordinal)
            ? qualified[RefIds.HeadsPrefix.Length..]
            : null;
        return branch is not null && branch.Length > prefix.Length
            && branch.StartsWith(prefix, StringComparison.Ordinal);
    }
}
