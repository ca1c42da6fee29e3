using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Server.Auth;
using GitHost.Server.Errors;

namespace GitHost.Server.RateLimiting;

/// <summary>
/// Bitbucket's rate limiting: requests authenticated with Basic or Bearer take one token from
/// their user's bucket; an empty bucket answers 429 with <c>Retry-After</c>. Browser sessions and
/// anonymous requests are never limited. While disabled this costs one field read per request.
/// </summary>
internal static partial class RateLimitMiddleware
{
    public static IApplicationBuilder UseUserRateLimiting(this IApplicationBuilder app)
    {
        var store = app.ApplicationServices.GetRequiredService<RateLimitSettingsStore>();
        var limiter = app.ApplicationServices.GetRequiredService<IUserRateLimiter>();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitMiddleware));
        return app.Use(async (context, next) =>
        {
            if (context.User.Identity?.AuthenticationType != AuthSchemes.Api)
            {
                await next(context);
                return;
            }

            var settings = await store.GetAsync(context.RequestAborted);
            var principal = context.GetPrincipal();
            if (!settings.Enabled || settings.BucketFor(principal.UserId) is not { } bucket)
            {
                await next(context);
                return;
            }

            var (callerId, isToken) = principal.UserId is { } userId ? (userId, false) : (principal.Token?.TokenId ?? 0, true);
            var decision = await limiter.AcquireAsync(callerId, isToken, bucket);
            var headers = context.Response.Headers;
            headers["X-RateLimit-Limit"] = bucket.Capacity.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-FillRate"] = bucket.FillRate.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Interval-Seconds"] = "1";
            if (decision.Allowed)
            {
                await next(context);
                return;
            }

            Log.Limited(logger, principal.UserName ?? "", decision.RetryAfterSeconds);
            headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await RestErrorWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, new GitHostException(
                FailureKind.Forbidden,
                $"You have been rate limited: too many requests in a short time. Wait {decision.RetryAfterSeconds} seconds, then try again.",
                exceptionName: BitbucketExceptionNames.RateLimited));
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "Rate limited {UserName}; retry after {RetryAfterSeconds} s")]
        public static partial void Limited(ILogger logger, string userName, int retryAfterSeconds);
    }
}
