using GitHost.Core.Permissions;

namespace GitHost.Data.AccessTokens;

/// <summary>
/// An HTTP access token. Only the SHA-256 of the secret is stored; the secret is shown once, on
/// creation. Exactly one of <see cref="UserId"/>, <see cref="ProjectId"/> (without a repository)
/// or <see cref="RepositoryId"/> says what the token belongs to.
/// </summary>
public sealed class AccessTokenEntity
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the raw token.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>Owner of a personal token.</summary>
    public long? UserId { get; set; }

    public long? ProjectId { get; set; }

    public long? RepositoryId { get; set; }

    /// <summary>Project level the token carries (None for repository tokens).</summary>
    public Permission ProjectPermission { get; set; }

    public Permission RepositoryPermission { get; set; }

    public long CreatedByUserId { get; set; }

    public long CreatedDate { get; set; }

    public long? ExpiryDate { get; set; }

    public long? LastAuthenticated { get; set; }
}
