using GitHost.Server.Content.Refs;
using GitHost.Services.BranchModel;

namespace GitHost.Server.BranchModel;

/// <summary>Bitbucket's effective branching model: <c>{development, production?, types: [{id, displayName, prefix}]}</c> (enabled types only).</summary>
internal sealed record RestBranchModel(RestBranch? Development, RestBranch? Production, IReadOnlyList<RestBranchModelType> Types);

internal sealed record RestBranchModelType(string Id, string DisplayName, string Prefix);

/// <summary>
/// Bitbucket's branching model configuration:
/// <c>{development: {refId, useDefault}, production: {refId, useDefault}, types: [{id, displayName, enabled, prefix}]}</c>.
/// </summary>
internal sealed record RestBranchModelConfiguration(
    BranchModelBranch Development, BranchModelBranch? Production, IReadOnlyList<BranchModelType> Types)
{
    public static RestBranchModelConfiguration From(BranchModelDocument document) => new(document.Development, document.Production, document.Types);
}
