namespace GitHost.Server.Content.Refs;

/// <summary><c>POST .../branches</c> (core API and branch-utils); <c>message</c> is accepted and ignored, as git branches carry none.</summary>
internal sealed record CreateBranchRequest(string? Name, string? StartPoint, string? Message);

/// <summary><c>DELETE /rest/branch-utils/1.0/.../branches</c>.</summary>
internal sealed record DeleteBranchRequest(string? Name, string? EndPoint, bool? DryRun);

/// <summary><c>PUT .../default-branch</c> and <c>PUT .../branches/default</c>: <c>{id: "refs/heads/main"}</c>.</summary>
internal sealed record DefaultBranchRequest(string? Id);

/// <summary>Tag creation: core API <c>{name, startPoint, message}</c>; git module adds <c>type</c> and <c>force</c>.</summary>
internal sealed record CreateTagRequest(string? Name, string? StartPoint, string? Message, string? Type, bool? Force);
