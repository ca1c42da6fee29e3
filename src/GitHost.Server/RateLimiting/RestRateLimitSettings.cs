using GitHost.Server.Rest;

namespace GitHost.Server.RateLimiting;

/// <summary>Bitbucket's <c>RestRateLimitSettings</c>.</summary>
public sealed record RestRateLimitSettings(bool Enabled, RestTokenBucketSettings DefaultSettings);

/// <summary>A token bucket: <c>capacity</c> requests, refilled at <c>fillRate</c> per second.</summary>
public sealed record RestTokenBucketSettings(int Capacity, int FillRate);

/// <summary>Bitbucket's <c>RestUserRateLimitSettings</c>; <c>settings</c> is absent for a whitelisted user without a bucket.</summary>
public sealed record RestUserRateLimitSettings(RestUser User, bool Whitelisted, RestTokenBucketSettings? Settings);

/// <summary>PUT body of the instance settings; missing members keep their value.</summary>
internal sealed record RateLimitSettingsRequest(bool? Enabled, TokenBucketRequest? DefaultSettings);

/// <summary>PUT body of a user's override (<c>RestUserRateLimitSettingsUpdateRequest</c>).</summary>
internal sealed record UserRateLimitRequest(bool? Whitelisted, TokenBucketRequest? Settings);

internal sealed record TokenBucketRequest(int? Capacity, int? FillRate);
