using GitHost.Pipelines.Triggers;

namespace GitHost.Pipelines.Definitions;

/// <summary>
/// <c>condition: changesets: includePaths: [...]</c>: the step or stage runs only when a changed file
/// matches one of the globs (<see cref="PipelineGlob"/>; paths are relative to the repository root).
/// No changed paths means no match: deciding what to do when the changes are unknown is the caller's.
/// </summary>
public sealed record ChangesetCondition(IReadOnlyList<string> IncludePaths)
{
    public bool Matches(IEnumerable<string> changedPaths)
    {
        ArgumentNullException.ThrowIfNull(changedPaths);
        var globs = new List<GlobPattern>(IncludePaths.Count);
        foreach (var pattern in IncludePaths)
        {
            if (GlobPattern.TryParse(pattern, out var glob, out _))
            {
                globs.Add(glob);
            }
        }

        foreach (var path in changedPaths)
        {
            foreach (var glob in globs)
            {
                if (glob.IsMatch(path))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
