namespace GitHost.Git.Maintenance;

/// <summary>What housekeeping does to one repository, and why (for the log). At most one kind of repack.</summary>
public sealed record OptimizationPlan(RepackKind Repack, CommitGraphWrite CommitGraph, bool PackRefs, IReadOnlyList<string> Reasons)
{
    public static OptimizationPlan Nothing { get; } = new(RepackKind.None, CommitGraphWrite.None, false, []);

    public bool IsEmpty => Repack == RepackKind.None && CommitGraph == CommitGraphWrite.None && !PackRefs;

    /// <summary>The actions in the order they run, for example <c>full repack, commit-graph</c>; <c>nothing</c> for none.</summary>
    public string Describe() => IsEmpty ? "nothing" : string.Join(", ", Actions);

    /// <summary>The actions in the order they run: <c>full repack</c> or <c>geometric repack</c>, <c>commit-graph</c>, <c>pack-refs</c>.</summary>
    public IReadOnlyList<string> Actions
    {
        get
        {
            var actions = new List<string>();
            if (Repack == RepackKind.Full)
            {
                actions.Add("full repack");
            }
            else if (Repack == RepackKind.Geometric)
            {
                actions.Add("geometric repack");
            }

            if (CommitGraph != CommitGraphWrite.None)
            {
                actions.Add("commit-graph");
            }

            if (PackRefs)
            {
                actions.Add("pack-refs");
            }

            return actions;
        }
    }
}
