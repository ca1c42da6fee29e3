using GitHost.Core.Failures;
using GitHost.Server.Errors;

namespace GitHost.Server.Auth;

/// <summary>Answers 401 with Bitbucket's envelope when a request carried credentials that did not verify.</summary>
internal static class BadCredentials
{
    public const string ItemKey = "GitHost.BadCredentials";

    public static IApplicationBuilder UseBadCredentialsRejection(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Items.ContainsKey(ItemKey))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"GitHost\"";
                await RestErrorWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, GitHostException.AuthenticationRequired());
                return;
            }

            await next(context);
        });
}
