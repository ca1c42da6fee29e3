namespace GitHost.Server.AccessTokens;

/// <summary>Create/update body (RestAccessTokenRequest). Unknown members are ignored.</summary>
internal sealed record AccessTokenRequest(string? Name, List<string?>? Permissions, int? ExpiryDays);
