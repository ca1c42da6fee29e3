using GitHost.Pipelines.Definitions;

namespace GitHost.Pipelines.Triggers;

/// <summary>
/// Which pipeline of a file runs for an event, as Bitbucket decides it:
/// <list type="bullet">
/// <item>among the globs of a section that match, the most specific wins (<see cref="GlobSpecificity"/>);
/// equally specific globs are taken in file order;</item>
/// <item>a branch push with no matching glob runs <c>default</c>; a tag push does not, because Bitbucket
/// documents <c>default</c> as running on every push except tag pushes;</item>
/// <item>pull request globs match the source branch, and there is no fallback to <c>default</c>.</item>
/// </list>
/// Names are short names (<c>main</c>, <c>v1.0</c>), not <c>refs/heads/main</c>. Null means nothing runs.
/// </summary>
public static class PipelineSelector
{
    public static SelectedPipeline? ForBranch(PipelineFile file, string branch)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(branch);
        return MostSpecific(file.Branches, branch, "branches")
            ?? (file.Default is { } pipeline ? new SelectedPipeline("default", null, pipeline) : null);
    }

    public static SelectedPipeline? ForTag(PipelineFile file, string tag)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(tag);
        return MostSpecific(file.Tags, tag, "tags");
    }

    public static SelectedPipeline? ForPullRequest(PipelineFile file, string sourceBranch)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(sourceBranch);
        return MostSpecific(file.PullRequests, sourceBranch, "pull-requests");
    }

    public static SelectedPipeline? ForCustom(PipelineFile file, string name)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(name);
        var custom = file.Custom.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
        return custom is null ? null : new SelectedPipeline("custom", custom.Name, custom.Pipeline);
    }

    private static SelectedPipeline? MostSpecific(IReadOnlyList<PatternPipeline> candidates, string name, string selector)
    {
        PatternPipeline? best = null;
        var bestSpecificity = default(GlobSpecificity);
        foreach (var candidate in candidates)
        {
            if (!GlobPattern.TryParse(candidate.Pattern, out var glob, out _) || !glob.IsMatch(name))
            {
                continue;
            }

            // Strictly greater: of equally specific globs the first in the file stays.
            if (best is null || glob.Specificity.CompareTo(bestSpecificity) > 0)
            {
                best = candidate;
                bestSpecificity = glob.Specificity;
            }
        }

        return best is null ? null : new SelectedPipeline(selector, best.Pattern, best.Pipeline);
    }
}
