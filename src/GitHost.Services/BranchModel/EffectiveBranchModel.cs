using GitHost.Core.Security;
using GitHost.Git.Reading;
using GitHost.Services.Content.Refs;

namespace GitHost.Services.BranchModel;

/// <summary>
/// <c>GET .../branchmodel</c>: the model in force with its development and production branches
/// resolved to branches of the repository (a configured branch that does not exist yet has no tip).
/// </summary>
public sealed class EffectiveBranchModel(BranchingModels models, GitRepositoryOpener opener)
{
    public async Task<(BranchView? Development, BranchView? Production, BranchModelDocument Document)> GetAsync(
        Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var (found, document) = await models.RepositoryAsync(principal, projectKey, slug, cancellationToken);
        var model = document.ToModel(found.Repository.DefaultBranch);
        var defaultRef = RefNamespace.Branches.FullName(found.Repository.DefaultBranch);
        using var repo = opener.Open(found.Repository.Id);
        BranchView? View(string? refId) => refId is null ? null : new BranchView(
            refId, RefNamespace.Branches.ShortName(refId), repo.Refs[refId]?.ResolveToDirectReference()?.TargetIdentifier ?? "", refId == defaultRef);
        return (View(model.DevelopmentRef), View(model.ProductionRef), document);
    }
}
