using GitHost.Core.BranchPermissions;
using GitHost.Core.RefMatching;
using GitHost.Data.PullRequests;

namespace GitHost.Services.BranchPermissions;

/// <summary>A restriction ready to be matched against many refs: its exempt principals in sets.</summary>
internal sealed record CompiledRestriction(
    long Id,
    RefRestrictionType Type,
    SettingsScope Scope,
    RefMatcher Matcher,
    IReadOnlySet<long> ExemptUsers,
    IReadOnlySet<string> ExemptGroups,
    IReadOnlySet<long> ExemptAccessKeys);
