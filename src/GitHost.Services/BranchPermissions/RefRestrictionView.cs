using GitHost.Core.BranchPermissions;
using GitHost.Core.RefMatching;
using GitHost.Data.PullRequests;
using GitHost.Data.SshKeys;
using GitHost.Data.Users;

namespace GitHost.Services.BranchPermissions;

/// <summary>A stored restriction with its exempt principals loaded (those since removed are left out).</summary>
public sealed record RefRestrictionView(
    long Id,
    RefRestrictionType Type,
    SettingsScope Scope,
    long ScopeId,
    RefMatcher Matcher,
    IReadOnlyList<UserEntity> Users,
    IReadOnlyList<string> Groups,
    IReadOnlyList<SshKeyEntity> AccessKeys);
