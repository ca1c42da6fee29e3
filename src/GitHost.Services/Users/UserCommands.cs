using GitHost.Data.Users;

namespace GitHost.Services.Users;

/// <summary><c>POST /admin/users</c>. Bitbucket takes these as query parameters.</summary>
public sealed record CreateUser(string? Name, string? DisplayName, string? EmailAddress, string? Password);

/// <summary>Null members are left unchanged. <see cref="Active"/> false disables every credential of the user.</summary>
public sealed record UserDetailsUpdate(string? Name, string? DisplayName, string? Email, bool? Active = null);

/// <summary>A user as an administrator sees it: with whether the caller may delete it.</summary>
public sealed record AdminUserView(UserEntity User, bool Deletable);
