using System.Text.Json.Serialization;

namespace GitHost.Services.Git;

/// <summary>
/// Bitbucket's <c>repo:refs_changed</c> webhook body (reference §15.4); <c>commits</c> and <c>toCommit</c>
/// are left out when nothing was created or updated (a push of deletions only).
/// </summary>
public sealed record RefsChangedPayload(
    string EventKey,
    string Date,
    object? Actor,
    object Repository,
    IReadOnlyList<RefChange> Changes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Commits = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? ToCommit = null);

/// <summary>One entry of <c>changes</c>: <c>type</c> is ADD, UPDATE or DELETE; ids are 40 zeros for the missing side.</summary>
public sealed record RefChange(RefChangeRef Ref, string RefId, string FromHash, string ToHash, string Type);

/// <summary><c>type</c> is BRANCH or TAG.</summary>
public sealed record RefChangeRef(string Id, string DisplayId, string Type);
