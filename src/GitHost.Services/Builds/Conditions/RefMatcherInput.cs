using GitHost.Core.Failures;
using GitHost.Core.PullRequests;
using GitHost.Core.RefMatching;

namespace GitHost.Services.Builds.Conditions;

/// <summary>A ref matcher as a client sent it (<c>{id, type: {id}}</c>), before it is checked.</summary>
public sealed record RefMatcherInput(string? Id, string? TypeId)
{
    public const int MaxIdLength = 1024;

    /// <summary>The matcher, or a 400 naming <paramref name="context"/>; ANY_REF needs no id.</summary>
    public RefMatcher Parse(string context)
    {
        if (!RefMatcherTypeIds.TryParse(TypeId, out var type))
        {
            throw GitHostException.Invalid(
                $"The matcher type '{TypeId}' is not one of ANY_REF, BRANCH, PATTERN, MODEL_CATEGORY or MODEL_BRANCH.", context);
        }

        if (type == RefMatcherType.AnyRef)
        {
            return RefMatcher.AnyRef;
        }

        var id = Id?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            throw GitHostException.Invalid("The matcher needs an id: a branch, a pattern, a branching model category or branch.", context);
        }

        if (id.Length > MaxIdLength || id.Any(char.IsControl))
        {
            throw GitHostException.Invalid($"The matcher id must be at most {MaxIdLength} printable characters.", context);
        }

        return type switch
        {
            RefMatcherType.Branch => new RefMatcher(type, RefIds.Qualify(id)),
            RefMatcherType.ModelCategory when id.ToUpperInvariant() is "FEATURE" or "BUGFIX" or "HOTFIX" or "RELEASE" => new RefMatcher(type, id.ToUpperInvariant()),
            RefMatcherType.ModelBranch when id.ToLowerInvariant() is "development" or "production" => new RefMatcher(type, id.ToLowerInvariant()),
            RefMatcherType.Pattern => new RefMatcher(type, id),
            _ => throw GitHostException.Invalid($"'{id}' is not a branching model {(type == RefMatcherType.ModelBranch ? "branch (development, production)" : "category (FEATURE, BUGFIX, HOTFIX, RELEASE)")}.", context),
        };
    }
}
