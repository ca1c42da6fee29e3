using Microsoft.AspNetCore.Identity;

namespace GitHost.Data.Users;

/// <summary>A person or service account. Password hashing and lockout come from ASP.NET Core Identity.</summary>
public sealed class UserEntity : IdentityUser<long>
{
    /// <summary>The lower-cased user name, used in URLs and as the personal project key.</summary>
    public string Slug { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public UserType Type { get; set; } = UserType.Normal;

    public bool Active { get; set; } = true;

    public long CreatedDate { get; set; }

    public long? LastAuthenticated { get; set; }
}
