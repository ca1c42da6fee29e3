using GitHost.Services.Builds.Conditions;

namespace GitHost.Services.BranchPermissions;

/// <summary>
/// A restriction as a client sent it, before it is checked: the type id, the matcher, and the
/// exempt users (by name or slug), groups (by name) and SSH access keys (by id).
/// </summary>
public sealed record RefRestrictionInput(
    string? Type, RefMatcherInput? Matcher, IReadOnlyList<string> Users, IReadOnlyList<string> Groups, IReadOnlyList<long> AccessKeyIds);
