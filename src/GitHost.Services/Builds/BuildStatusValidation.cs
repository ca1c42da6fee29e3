using GitHost.Core.Builds;
using GitHost.Core.Failures;

namespace GitHost.Services.Builds;

/// <summary>Bitbucket's limits for a build status: key ≤255, url ≤450 and absolute, a full commit id.</summary>
public static class BuildStatusValidation
{
    public const int MaxKey = 255;
    public const int MaxUrl = 450;
    public const int MaxName = 255;
    public const int MaxDescription = 2048;
    public const int MaxRef = 1024;

    public static BuildState ParseState(string? state) => state?.ToUpperInvariant() switch
    {
        "SUCCESSFUL" => BuildState.Successful,
        "FAILED" => BuildState.Failed,
        "INPROGRESS" => BuildState.InProgress,
        "CANCELLED" => BuildState.Cancelled,
        "UNKNOWN" => BuildState.Unknown,
        null or "" => throw GitHostException.Invalid("Give a state: SUCCESSFUL, FAILED, INPROGRESS, CANCELLED or UNKNOWN.", "state"),
        _ => throw GitHostException.Invalid($"State '{state}' is not one of SUCCESSFUL, FAILED, INPROGRESS, CANCELLED, UNKNOWN.", "state"),
    };

    public static string ToWire(BuildState state) => state switch
    {
        BuildState.Successful => "SUCCESSFUL",
        BuildState.Failed => "FAILED",
        BuildState.InProgress => "INPROGRESS",
        BuildState.Cancelled => "CANCELLED",
        _ => "UNKNOWN",
    };

    public static void Validate(BuildStatusInput input)
    {
        Required(input.Key, MaxKey, "key");
        Required(input.Url, MaxUrl, "url");
        if (!Uri.TryCreate(input.Url, UriKind.Absolute, out _))
        {
            throw GitHostException.Invalid("The url must be an absolute URL, such as https://ci.example.com/build/42.", "url");
        }

        Optional(input.Name, MaxName, "name");
        Optional(input.Description, MaxDescription, "description");
        Optional(input.BuildNumber, MaxKey, "buildNumber");
        Optional(input.Parent, MaxKey, "parent");
        Optional(input.Ref, MaxRef, "ref");
        if (input.Duration is < 0 || input.TestsSuccessful is < 0 || input.TestsFailed is < 0 || input.TestsSkipped is < 0)
        {
            throw GitHostException.Invalid("Durations and test counts cannot be negative.", "testResults");
        }
    }

    /// <summary>Bitbucket takes only a full 40-character commit id (or 64 for SHA-256 repositories).</summary>
    public static string CommitId(string commitId)
    {
        if ((commitId.Length != 40 && commitId.Length != 64) || !commitId.All(char.IsAsciiHexDigit))
        {
            throw GitHostException.Invalid($"'{Shorten(commitId)}' is not a full commit id: give all 40 hexadecimal characters.", "commitId");
        }

        return commitId.ToLowerInvariant();
    }

    private static void Required(string? value, int max, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw GitHostException.Invalid($"The {field} is required.", field);
        }

        Optional(value, max, field);
    }

    private static void Optional(string? value, int max, string field)
    {
        if (value is not null && value.Length > max)
        {
            throw GitHostException.Invalid($"The {field} is {value.Length} characters long; the most is {max}.", field);
        }
    }

    private static string Shorten(string value) => value.Length > 80 ? value[..80] + "…" : value;
}
