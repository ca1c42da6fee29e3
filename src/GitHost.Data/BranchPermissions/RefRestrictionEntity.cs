using GitHost.Core.BranchPermissions;
using GitHost.Core.PullRequests;
using GitHost.Data.PullRequests;

namespace GitHost.Data.BranchPermissions;

/// <summary>
/// A branch permission (Bitbucket's ref restriction) of a project or a repository: what it forbids,
/// which refs it matches, and who is exempt. A project's restrictions apply to all its repositories.
/// </summary>
public sealed class RefRestrictionEntity
{
    public long Id { get; set; }

    public SettingsScope ScopeType { get; set; }

    /// <summary>The project's or repository's id.</summary>
    public long ScopeId { get; set; }

    public RefRestrictionType Type { get; set; }

    public RefMatcherType MatcherType { get; set; }

    public string MatcherId { get; set; } = "";

    public long CreatedDate { get; set; }

    public List<RefRestrictionExemptionEntity> Exemptions { get; set; } = [];
}
