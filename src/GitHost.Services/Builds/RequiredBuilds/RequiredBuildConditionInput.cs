using GitHost.Core.Failures;
using GitHost.Core.RefMatching;
using GitHost.Services.Builds.Conditions;

namespace GitHost.Services.Builds.RequiredBuilds;

/// <summary><c>RestRequiredBuildConditionSetRequest</c>: keys and matchers, checked by <see cref="Validate"/>.</summary>
public sealed record RequiredBuildConditionInput(IReadOnlyList<string?>? BuildParentKeys, RefMatcherInput? RefMatcher, RefMatcherInput? ExemptRefMatcher)
{
    public const int MaxKeys = 100;

    public (IReadOnlyList<string> Keys, RefMatcher Target, RefMatcher? Exempt) Validate()
    {
        if (BuildParentKeys is null || BuildParentKeys.Count == 0)
        {
            throw GitHostException.Invalid("Name at least one build parent key that must be green.", "buildParentKeys");
        }

        if (BuildParentKeys.Count > MaxKeys)
        {
            throw GitHostException.Invalid($"A condition can require at most {MaxKeys} builds.", "buildParentKeys");
        }

        var keys = new List<string>();
        foreach (var key in BuildParentKeys)
        {
            var trimmed = key?.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Length > BuildStatusValidation.MaxKey || trimmed.Any(char.IsControl))
            {
                throw GitHostException.Invalid($"Build parent keys are 1 to {BuildStatusValidation.MaxKey} printable characters.", "buildParentKeys");
            }

            if (!keys.Contains(trimmed, StringComparer.Ordinal))
            {
                keys.Add(trimmed);
            }
        }

        var target = (RefMatcher ?? throw GitHostException.Invalid("Give the refMatcher the pull request's target must match.", "refMatcher")).Parse("refMatcher");
        return (keys, target, ExemptRefMatcher?.Parse("exemptRefMatcher"));
    }
}
