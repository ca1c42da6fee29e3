using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Server.Errors;
using GitHost.Server.GitHttp;
using GitHost.Services.Common;

namespace GitHost.Server.Auth;

/// <summary>
/// Answers a request whose credentials did not verify: 401 with Bitbucket's envelope, or, when
/// password sign-in is locked for that name or address, 429 with <c>Retry-After</c> and the time
/// the lock ends. Not 401 for a lock: git's credential helpers erase a stored password on 401, and
/// the stored password may well be right; it is only refused for now. Git clients get the text as
/// <c>remote:</c> lines.
/// </summary>
internal static class BadCredentials
{
    public const string ItemKey = "GitHost.BadCredentials";

    public static IApplicationBuilder UseBadCredentialsRejection(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Items.TryGetValue(ItemKey, out var item))
            {
                await next(context);
                return;
            }

            var locked = (item as PasswordCheck)?.Lock;
            var status = locked is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status429TooManyRequests;
            var failure = locked is null
                ? GitHostException.BadCredentials()
                : new GitHostException(FailureKind.Unauthenticated, locked.Message, exceptionName: BitbucketExceptionNames.SignInLocked);
            int? retryAfter = locked?.RetryAfterSeconds(context.RequestServices.GetRequiredService<EpochClock>().NowMs());
            if (context.Request.Path.StartsWithSegments("/scm"))
            {
                await GitHttpResponses.WriteAsync(context, status, failure.Message, retryAfter);
                return;
            }

            if (retryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"GitHost\"";
            }

            await RestErrorWriter.WriteAsync(context, status, failure);
        });
}
