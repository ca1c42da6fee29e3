using System.Diagnostics.CodeAnalysis;
using GitHost.Core.PullRequests;

namespace GitHost.Core.RefMatching;

/// <summary>The wire names of matcher types: <c>type: {id: "BRANCH", name: "Branch"}</c>.</summary>
public static class RefMatcherTypeIds
{
    public static string ToId(RefMatcherType type) => type switch
    {
        RefMatcherType.AnyRef => "ANY_REF",
        RefMatcherType.Branch => "BRANCH",
        RefMatcherType.Pattern => "PATTERN",
        RefMatcherType.ModelCategory => "MODEL_CATEGORY",
        RefMatcherType.ModelBranch => "MODEL_BRANCH",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown ref matcher type."),
    };

    public static string ToName(RefMatcherType type) => type switch
    {
        RefMatcherType.AnyRef => "Any branch",
        RefMatcherType.Branch => "Branch",
        RefMatcherType.Pattern => "Pattern",
        RefMatcherType.ModelCategory => "Branching model category",
        RefMatcherType.ModelBranch => "Branching model branch",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown ref matcher type."),
    };

    public static bool TryParse([NotNullWhen(true)] string? id, out RefMatcherType type)
    {
        switch (id?.ToUpperInvariant())
        {
            case "ANY_REF": type = RefMatcherType.AnyRef; return true;
            case "BRANCH": type = RefMatcherType.Branch; return true;
            case "PATTERN": type = RefMatcherType.Pattern; return true;
            case "MODEL_CATEGORY": type = RefMatcherType.ModelCategory; return true;
            case "MODEL_BRANCH": type = RefMatcherType.ModelBranch; return true;
            default: type = default; return false;
        }
    }
}
