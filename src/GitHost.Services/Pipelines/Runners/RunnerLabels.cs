using System.Text.RegularExpressions;
using GitHost.Core.Failures;
using GitHost.Services.Pipelines.Runs;

namespace GitHost.Services.Pipelines.Runners;

/// <summary>
/// A runner's labels, as Bitbucket's self-hosted runners have them: <c>self.hosted</c> and
/// <c>linux.shell</c> by default, up to 10 of one's own, each lower case letters, digits, dots, dashes
/// and underscores. A step without <c>runs-on</c> goes to any runner labelled <c>linux.shell</c>.
/// </summary>
public static partial class RunnerLabels
{
    public const string Shell = "linux.shell";
    public const string SelfHosted = "self.hosted";
    public const int MaxCustom = 10;

    public static string Normalize(IReadOnlyList<string>? labels)
    {
        var given = labels is { Count: > 0 } ? labels : [SelfHosted, Shell];
        foreach (var label in given)
        {
            if (!Label().IsMatch(label.Trim().ToLowerInvariant()))
            {
                throw GitHostException.Invalid($"\"{label}\" is not a label: use 1 to 50 letters, digits, dots, dashes or underscores.", "labels");
            }
        }

        var normalized = PipelinePlan.NormalizeLabels(given);
        if (normalized.Split(' ').Count(l => l is not (SelfHosted or Shell)) > MaxCustom)
        {
            throw GitHostException.Invalid($"A runner has at most {MaxCustom} labels of its own besides {SelfHosted} and {Shell}.", "labels");
        }

        return normalized;
    }

    /// <summary>Whether a runner with <paramref name="runnerLabels"/> may take a step that asks for <paramref name="stepLabels"/> (both normalized).</summary>
    public static bool Satisfies(string runnerLabels, string stepLabels)
    {
        var have = runnerLabels.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return stepLabels.Length == 0
            ? have.Contains(Shell, StringComparer.Ordinal)
            : stepLabels.Split(' ').All(l => have.Contains(l, StringComparer.Ordinal));
    }

    [GeneratedRegex("^[a-z0-9._-]{1,50}$")]
    private static partial Regex Label();
}
