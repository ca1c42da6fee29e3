using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using GitHost.Core.Security;
using GitHost.Services.AccessTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Auth;

/// <summary>
/// HTTP Basic (user name with password or personal token) and Bearer (any access token). A request
/// that carries credentials which do not verify is refused with 401 even where anonymous access
/// would be allowed, as Bitbucket does, so a typo never silently downgrades a client.
/// </summary>
internal sealed class ApiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CredentialVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.Authorization.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        // A header that is present but unusable is a failed login, never a silent anonymous request.
        var check = AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) && header.Parameter is not null
            ? await VerifyAsync(header.Scheme, header.Parameter)
            : PasswordCheck.Wrong;
        if (check.Principal is not { } principal)
        {
            Context.Items[BadCredentials.ItemKey] = check;
            return AuthenticateResult.Fail("Authentication failed.");
        }

        Context.SetPrincipal(principal);
        return AuthenticateResult.Success(new AuthenticationTicket(ToClaims(principal, Scheme.Name), Scheme.Name));
    }

    private async Task<PasswordCheck> VerifyAsync(string scheme, string parameter) => scheme.ToUpperInvariant() switch
    {
        "BASIC" => await VerifyBasicAsync(parameter),
        "BEARER" => new PasswordCheck(await verifier.VerifyTokenAsync(parameter.Trim(), null, Context.RequestAborted), null),
        _ => PasswordCheck.Wrong,
    };

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"GitHost\"";
        return base.HandleChallengeAsync(properties);
    }

    private async Task<PasswordCheck> VerifyBasicAsync(string parameter)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return PasswordCheck.Wrong;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon > 255)
        {
            return PasswordCheck.Wrong;
        }

        var userName = decoded[..colon];
        var secret = decoded[(colon + 1)..];
        if (secret.Length is 0 or > 4096)
        {
            return PasswordCheck.Wrong;
        }

        return AccessTokenSecret.LooksLikeToken(secret)
            ? new PasswordCheck(await verifier.VerifyTokenAsync(secret, userName, Context.RequestAborted), null)
            : await verifier.VerifyPasswordAsync(userName, secret, Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
    }

    internal static ClaimsPrincipal ToClaims(Principal principal, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, principal.UserName ?? "") };
        if (principal.UserId is { } id)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
