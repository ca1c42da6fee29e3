using GitHost.Core.Failures;
using GitHost.Git;

namespace GitHost.Services.Content.Refs;

/// <summary>
/// What a new branch or tag name must satisfy beyond git's own rules, the same rule a push meets
/// (<see cref="Git.OptionLikeRefNamePolicy"/>): no part may start with '-'. Existing refs with such
/// names stay readable and deletable, so a copied-in repository can be cleaned up.
/// </summary>
internal static class NewRefNames
{
    public static string DemandNoOptionLikePart(string refName) =>
        RefNames.HasOptionLikePart(refName)
            ? throw new GitHostException(FailureKind.Invalid,
                $"'{refName}' is not a valid name for a new ref: no part of it may start with '-', because git would read it as an option.",
                "name", ContentExceptionNames.InvalidRefName)
            : refName;
}
