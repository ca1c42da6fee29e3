using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Ssh;

namespace GitHost.Server.SshKeys;

/// <summary>
/// <c>/rest/ssh/1.0/keys</c>: a user's SSH keys. <c>?user=</c> (or <c>userName</c>) names another
/// user, which needs ADMIN; without it the caller's own keys are meant.
/// </summary>
internal static class SshKeyEndpoints
{
    public static RouteGroupBuilder MapSshKeyEndpoints(this RouteGroupBuilder ssh)
    {
        ssh.MapGet("/keys", async (HttpContext http, SshKeyOwners owners, SshKeyService keys, string? user, string? userName, int? start, int? limit) =>
        {
            var request = PageRequest.Create(start, limit);
            var owner = await owners.ResolveAsync(http.GetPrincipal(), user ?? userName, http.RequestAborted);
            var page = await keys.ListAsync(owner, request, http.RequestAborted);
            return RestPage<RestSshKey>.From(page, SshKeyJson.Key);
        });

        ssh.MapPost("/keys", async (HttpContext http, SshKeyOwners owners, SshKeyService keys, string? user, SshKeyRequest body) =>
        {
            var principal = http.GetPrincipal();
            var owner = await owners.ResolveAsync(principal, user, http.RequestAborted);
            var key = await keys.AddAsync(principal, owner, body.Text, body.Label, body.ExpiryDays, http.RequestAborted);
            return TypedResults.Created($"/rest/ssh/1.0/keys/{key.Id}", SshKeyJson.Key(key));
        });

        ssh.MapDelete("/keys", async (HttpContext http, SshKeyOwners owners, SshKeyService keys, string? user, string? userName) =>
        {
            var principal = http.GetPrincipal();
            var owner = await owners.ResolveAsync(principal, user ?? userName, http.RequestAborted);
            await keys.DeleteAllAsync(principal, owner, http.RequestAborted);
            return TypedResults.NoContent();
        });

        ssh.MapGet("/keys/{keyId}", async (HttpContext http, SshKeyService keys, string keyId) =>
            SshKeyJson.Key((await keys.GetAsync(http.GetPrincipal(), keyId, http.RequestAborted)).Key));

        ssh.MapDelete("/keys/{keyId}", async (HttpContext http, SshKeyService keys, string keyId) =>
        {
            await keys.DeleteAsync(http.GetPrincipal(), keyId, http.RequestAborted);
            return TypedResults.NoContent();
        });
        return ssh;
    }
}
