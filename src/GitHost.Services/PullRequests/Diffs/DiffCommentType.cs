using GitHost.Core.Failures;

namespace GitHost.Services.PullRequests.Diffs;

/// <summary>
/// Which diff a caller reads a pull request's comments on (Bitbucket's <c>diffType</c>): EFFECTIVE, the
/// pull request's whole diff; RANGE and COMMIT, the diff between two commits the comment was made on.
/// </summary>
public static class DiffCommentType
{
    public const string Effective = "EFFECTIVE";

    public const string Range = "RANGE";

    public const string Commit = "COMMIT";

    /// <summary>
    /// The given type, or the one the diff shown implies: EFFECTIVE for the whole diff, RANGE for
    /// <c>sinceId</c>/<c>untilId</c> (an EFFECTIVE comment's lines are not that diff's lines).
    /// </summary>
    public static string Parse(string? value, bool isRange)
    {
        if (string.IsNullOrEmpty(value))
        {
            return isRange ? Range : Effective;
        }

        var upper = value.ToUpperInvariant();
        return upper is Effective or Range or Commit
            ? upper
            : throw GitHostException.Invalid($"'{value}' is not a diff type: use EFFECTIVE, RANGE or COMMIT.", "diffType");
    }
}
