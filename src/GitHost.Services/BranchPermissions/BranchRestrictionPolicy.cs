using System.Globalization;
using GitHost.Core.BranchPermissions;
using GitHost.Core.RefMatching;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.BranchPermissions;
using GitHost.Data.PullRequests;
using GitHost.Services.BranchModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.BranchPermissions;

/// <summary>
/// The one decision on branch permissions, asked by every door that moves a ref: the pre-receive
/// hook of HTTP and SSH pushes (<see cref="BranchRestrictionPushPolicy"/>) and the server's own
/// ref changes (REST branch create and delete, pull request merges, applied suggestions).
/// A change is refused by the first matching restriction the principal is not exempt from:
/// read-only refuses every change; no-deletes a delete; fast-forward-only an update whose new tip
/// does not contain the old one; pull-request-only an update that is not a pull request's merge
/// (creating and deleting are left to read-only and no-deletes).
/// Scoped: a push's restrictions, branching model and the pusher's groups are loaded once, however
/// many refs it moves; matching is in memory.
/// </summary>
public sealed partial class BranchRestrictionPolicy(
    GitHostDbContext db, BranchingModels models, RefAncestry ancestry, ILogger<BranchRestrictionPolicy> logger)
{
    private const string AccessKeyPrefix = "access-key-";

    private readonly Dictionary<long, (IReadOnlyList<CompiledRestriction> Restrictions, BranchingModel Model)> _loaded = [];
    private IReadOnlySet<string>? _groups;

    /// <summary>Null when the change may go ahead; otherwise the refusal.</summary>
    public async Task<RestrictionRefusal?> CheckAsync(
        Principal principal, RestrictedRepository repository, ProposedRefChange change, CancellationToken cancellationToken)
    {
        var (restrictions, model) = await LoadAsync(repository, cancellationToken);
        if (restrictions.Count == 0)
        {
            return null;
        }

        bool? fastForward = null;
        foreach (var restriction in restrictions)
        {
            if (!restriction.Matcher.Matches(change.RefName, model) || await IsExemptAsync(principal, restriction, cancellationToken))
            {
                continue;
            }

            var refused = restriction.Type switch
            {
                RefRestrictionType.ReadOnly => true,
                RefRestrictionType.NoDeletes => change.IsDelete,
                RefRestrictionType.PullRequestOnly => change.IsUpdate && !change.ViaPullRequest,
                RefRestrictionType.FastForwardOnly => change.IsUpdate
                    && !(fastForward ??= await ancestry.IsFastForwardAsync(repository.RepositoryId, change.OldId, change.NewId, change.Quarantines, cancellationToken)),
                _ => false,
            };
            if (refused)
            {
                Log.Refused(logger, change.RefName, repository.RepositoryId, restriction.Id, RefRestrictionTypeIds.ToId(restriction.Type), principal.UserId);
                return new RestrictionRefusal(restriction.Id, restriction.Type, change.RefName, Message(restriction, repository, change));
            }
        }

        return null;
    }

    /// <summary>What a developer reads: what the rule forbids, which rule, who set it and whom to ask.</summary>
    private static string Message(CompiledRestriction restriction, RestrictedRepository repository, ProposedRefChange change)
    {
        var kind = change.RefName.StartsWith("refs/heads/", StringComparison.Ordinal) ? "Branch"
            : change.RefName.StartsWith("refs/tags/", StringComparison.Ordinal) ? "Tag" : "Ref";
        var what = restriction.Type switch
        {
            RefRestrictionType.ReadOnly => "is read-only",
            RefRestrictionType.NoDeletes => "cannot be deleted",
            RefRestrictionType.FastForwardOnly => "cannot be rewritten (this change is not a fast-forward; pull and merge or rebase first)",
            _ => "takes changes only through pull requests (push to another branch and open a pull request)",
        };
        var (setBy, ask) = restriction.Scope == SettingsScope.Project
            ? ($"project admins of {repository.ProjectKey}", "a project admin")
            : ($"repository admins of {repository.ProjectKey}/{repository.Slug}", "a repository admin");
        return string.Create(CultureInfo.InvariantCulture,
            $"{kind} {change.RefName} {what} (restriction {restriction.Id} set by {setBy}); ask {ask} to change it.");
    }

    private async ValueTask<bool> IsExemptAsync(Principal principal, CompiledRestriction restriction, CancellationToken cancellationToken)
    {
        if (principal.UserId is { } userId)
        {
            if (restriction.ExemptUsers.Contains(userId))
            {
                return true;
            }

            if (restriction.ExemptGroups.Count > 0)
            {
                _groups ??= (await db.GroupMembers.AsNoTracking().Where(m => m.UserId == userId)
                    .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => g.Name).ToListAsync(cancellationToken))
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
                return restriction.ExemptGroups.Overlaps(_groups);
            }

            return false;
        }

        return AccessKeyId(principal) is { } keyId && restriction.ExemptAccessKeys.Contains(keyId);
    }

    /// <summary>An SSH access key acts as a principal without a user, named <c>access-key-{id}</c>, its limits carrying the key's id.</summary>
    private static long? AccessKeyId(Principal principal) =>
        principal.Token is { } token && principal.UserName == AccessKeyPrefix + token.TokenId.ToString(CultureInfo.InvariantCulture)
            ? token.TokenId
            : null;

    private async Task<(IReadOnlyList<CompiledRestriction> Restrictions, BranchingModel Model)> LoadAsync(
        RestrictedRepository repository, CancellationToken cancellationToken)
    {
        if (_loaded.TryGetValue(repository.RepositoryId, out var loaded))
        {
            return loaded;
        }

        var rows = await db.RefRestrictions.AsNoTracking().Include(r => r.Exemptions)
            .Where(r => (r.ScopeType == SettingsScope.Repository && r.ScopeId == repository.RepositoryId)
                || (r.ScopeType == SettingsScope.Project && r.ScopeId == repository.ProjectId))
            .OrderByDescending(r => r.ScopeType).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var compiled = rows.Select(Compile).ToList();
        var model = compiled.Any(r => r.Matcher.Type is Core.PullRequests.RefMatcherType.ModelBranch or Core.PullRequests.RefMatcherType.ModelCategory)
            ? (await models.EffectiveDocumentAsync(repository.RepositoryId, repository.ProjectId, cancellationToken)).ToModel(repository.DefaultBranch)
            : BranchingModel.Default(RefIds.Qualify(repository.DefaultBranch));
        loaded = (compiled, model);
        _loaded[repository.RepositoryId] = loaded;
        return loaded;
    }

    private static CompiledRestriction Compile(RefRestrictionEntity row) => new(
        row.Id,
        row.Type,
        row.ScopeType,
        new RefMatcher(row.MatcherType, row.MatcherId),
        row.Exemptions.Where(e => e.Kind == RefRestrictionExemptionKind.User).Select(e => e.PrincipalId!.Value).ToHashSet(),
        row.Exemptions.Where(e => e.Kind == RefRestrictionExemptionKind.Group).Select(e => e.GroupName!).ToHashSet(StringComparer.OrdinalIgnoreCase),
        row.Exemptions.Where(e => e.Kind == RefRestrictionExemptionKind.AccessKey).Select(e => e.PrincipalId!.Value).ToHashSet());

    private static partial class Log
    {
        [LoggerMessage(EventId = 6010, Level = LogLevel.Information,
            Message = "Change to {RefName} in {RepositoryId} refused by restriction {RestrictionId} ({Type}) for {UserId}")]
        public static partial void Refused(ILogger logger, string refName, long repositoryId, long restrictionId, string type, long? userId);
    }
}
