using GitHost.Data.AccessTokens;

namespace GitHost.Services.AccessTokens;

public sealed record CreateAccessToken(string? Name, IReadOnlyList<string?>? Permissions, int? ExpiryDays);

/// <summary>Null members are left unchanged.</summary>
public sealed record UpdateAccessToken(string? Name, IReadOnlyList<string?>? Permissions, int? ExpiryDays);

/// <summary>A new token and its raw secret, which exists only in this answer.</summary>
public sealed record CreatedAccessToken(AccessTokenEntity Token, string RawToken);
