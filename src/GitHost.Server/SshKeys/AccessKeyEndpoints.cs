using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Ssh;

namespace GitHost.Server.SshKeys;

/// <summary>
/// <c>/rest/keys/1.0</c>: access keys of a project (PROJECT_READ/PROJECT_WRITE) and of a
/// repository (REPO_READ/REPO_WRITE). Both need the caller to administer the project or repository.
/// </summary>
internal static class AccessKeyEndpoints
{
    private delegate Task<AccessKeyTarget> TargetResolver(HttpContext http, AccessKeyTargets targets);

    public static RouteGroupBuilder MapAccessKeyEndpoints(this RouteGroupBuilder keys)
    {
        MapTarget(keys, "/projects/{projectKey}/ssh", (http, targets) =>
            targets.ProjectAsync(http.GetPrincipal(), Route(http, "projectKey"), http.RequestAborted));
        MapTarget(keys, "/projects/{projectKey}/repos/{repositorySlug}/ssh", (http, targets) =>
            targets.RepositoryAsync(http.GetPrincipal(), Route(http, "projectKey"), Route(http, "repositorySlug"), http.RequestAborted));
        return keys;
    }

    private static void MapTarget(RouteGroupBuilder keys, string pattern, TargetResolver resolve)
    {
        keys.MapGet(pattern, async (HttpContext http, AccessKeyTargets targets, AccessKeyService service, RestMapper mapper, int? start, int? limit) =>
        {
            var request = PageRequest.Create(start, limit);
            var target = await resolve(http, targets);
            var page = await service.ListAsync(target, request, http.RequestAborted);
            return RestPage<RestSshAccessKey>.From(page, v => SshKeyJson.AccessKey(v, target, mapper, http.GetPrincipal()));
        });

        keys.MapPost(pattern, async (HttpContext http, AccessKeyTargets targets, AccessKeyService service, RestMapper mapper, AccessKeyRequest body) =>
        {
            var target = await resolve(http, targets);
            var view = await service.AddAsync(http.GetPrincipal(), target, body.Key?.Text, body.Key?.Label, body.Permission, http.RequestAborted);
            return TypedResults.Created($"{http.Request.Path}/{view.Key.Id}", SshKeyJson.AccessKey(view, target, mapper, http.GetPrincipal()));
        });

        keys.MapGet(pattern + "/{keyId}", async (HttpContext http, AccessKeyTargets targets, AccessKeyService service, RestMapper mapper, string keyId) =>
        {
            var target = await resolve(http, targets);
            return SshKeyJson.AccessKey(await service.GetAsync(target, keyId, http.RequestAborted), target, mapper, http.GetPrincipal());
        });

        keys.MapDelete(pattern + "/{keyId}", async (HttpContext http, AccessKeyTargets targets, AccessKeyService service, string keyId) =>
        {
            var target = await resolve(http, targets);
            await service.RemoveAsync(http.GetPrincipal(), target, keyId, http.RequestAborted);
            return TypedResults.NoContent();
        });

        keys.MapPut(pattern + "/{keyId}/permission/{permission}", async (
            HttpContext http, AccessKeyTargets targets, AccessKeyService service, RestMapper mapper, string keyId, string permission) =>
        {
            var target = await resolve(http, targets);
            var view = await service.SetPermissionAsync(http.GetPrincipal(), target, keyId, permission, http.RequestAborted);
            return SshKeyJson.AccessKey(view, target, mapper, http.GetPrincipal());
        });
    }

    private static string Route(HttpContext http, string name) => http.GetRouteValue(name)?.ToString() ?? "";
}
