namespace GitHost.Server.Users;

/// <summary>
/// <c>PUT /users</c> and <c>PUT /admin/users</c> body (Bitbucket's UserUpdate). Unknown members are
/// ignored. <c>active</c> is GitHost's: an administrator disables (or enables) a user with it.
/// </summary>
internal sealed record UserUpdateRequest(string? Name, string? DisplayName, string? Email, bool? Active = null);

/// <summary><c>PUT /users/credentials</c> body (UserPasswordUpdate).</summary>
internal sealed record UserPasswordUpdateRequest(string? OldPassword, string? Password, string? PasswordConfirm);
