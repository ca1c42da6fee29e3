namespace GitHost.Server.AccessTokens;

/// <summary>
/// An HTTP access token. <see cref="Token"/> (the raw secret) is present only in the answer to its
/// creation; timestamps are epoch milliseconds.
/// </summary>
public sealed record RestAccessToken(
    string Id,
    string Name,
    long CreatedDate,
    long? LastAuthenticated,
    long? ExpiryDate,
    IReadOnlyList<string> Permissions,
    Rest.RestUser User,
    string? Token = null);
