namespace GitHost.Server.Admin;

/// <summary><c>PUT /admin/users/credentials</c> (AdminPasswordUpdate).</summary>
internal sealed record AdminPasswordUpdateRequest(string? Name, string? Password, string? PasswordConfirm);

/// <summary><c>POST /admin/users/rename</c> (UserRename).</summary>
internal sealed record UserRenameRequest(string? Name, string? NewName);

/// <summary><c>POST /admin/users/add-groups</c> (UserAndGroups).</summary>
internal sealed record UserAndGroupsRequest(string? User, IReadOnlyList<string>? Groups);

/// <summary><c>POST /admin/groups/add-users</c> (GroupAndUsers).</summary>
internal sealed record GroupAndUsersRequest(string? Group, IReadOnlyList<string>? Users);

/// <summary>
/// The legacy picker body: for <c>/admin/users/add-group</c> and <c>remove-group</c> the context is
/// the user and the item the group; for <c>/admin/groups/add-user</c> and <c>remove-user</c> the
/// other way round.
/// </summary>
internal sealed record PickerContextRequest(string? Context, string? ItemName);
