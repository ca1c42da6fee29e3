using GitHost.Core.Builds;

namespace GitHost.Services.Builds;

/// <summary>How many builds of a commit are in each state.</summary>
public sealed record BuildStats(int Successful, int Failed, int InProgress, int Cancelled, int Unknown)
{
    public static readonly BuildStats None = new(0, 0, 0, 0, 0);

    public static BuildStats Of(IEnumerable<BuildState> states)
    {
        var list = states.ToList();
        return new BuildStats(
            list.Count(s => s == BuildState.Successful),
            list.Count(s => s == BuildState.Failed),
            list.Count(s => s == BuildState.InProgress),
            list.Count(s => s == BuildState.Cancelled),
            list.Count(s => s == BuildState.Unknown));
    }
}
