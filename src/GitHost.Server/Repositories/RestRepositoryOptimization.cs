using GitHost.Git.Maintenance;

namespace GitHost.Server.Repositories;

/// <summary>
/// What an optimize call did: <c>{"optimized":true,"actions":["full repack","commit-graph"],"reasons":["no reachability bitmap"],"durationMs":412}</c>;
/// <c>optimized</c> is false, with no actions, when the repository needed nothing.
/// </summary>
internal sealed record RestRepositoryOptimization(bool Optimized, IReadOnlyList<string> Actions, IReadOnlyList<string> Reasons, long DurationMs)
{
    public static RestRepositoryOptimization From(OptimizationPlan plan, long durationMs) =>
        new(!plan.IsEmpty, plan.Actions, plan.Reasons, durationMs);
}
