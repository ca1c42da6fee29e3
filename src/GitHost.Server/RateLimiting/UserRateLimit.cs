namespace GitHost.Server.RateLimiting;

/// <summary>An administrator's override for one user: exempt (<see cref="Whitelisted"/>) or an own bucket.</summary>
internal sealed record UserRateLimit(bool Whitelisted, RateLimitBucket? Settings);
