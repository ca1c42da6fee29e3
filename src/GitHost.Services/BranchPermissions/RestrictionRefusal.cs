using GitHost.Core.BranchPermissions;

namespace GitHost.Services.BranchPermissions;

/// <summary>Why a change was refused: the restriction, and one line a developer understands (printed as <c>remote:</c> or put in the error).</summary>
public sealed record RestrictionRefusal(long RestrictionId, RefRestrictionType Type, string RefName, string Message);
