using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Server.Auth;
using GitHost.Services.PullRequests.Merges;

namespace GitHost.Server.PullRequests.Merges;

/// <summary>
/// <c>/projects/{key}[/repos/{slug}]/settings/auto-merge</c> (Bitbucket 8.15+): whether auto-merge may be
/// requested; a repository inherits its project's setting, and a project can lock it for its repositories.
/// </summary>
internal static class AutoMergeSettingsEndpoints
{
    private const string Repository = "/projects/{projectKey}/repos/{slug}/settings/auto-merge";
    private const string Project = "/projects/{projectKey}/settings/auto-merge";

    public static RouteGroupBuilder MapAutoMergeSettingsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Repository, GetRepositoryAsync);
        api.MapPut(Repository, SetRepositoryAsync);
        api.MapDelete(Repository, DeleteRepositoryAsync);
        api.MapGet(Project, GetProjectAsync);
        api.MapPut(Project, SetProjectAsync);
        api.MapDelete(Project, DeleteProjectAsync);
        return api;
    }

    private static async Task<RestAutoMergeRestrictedSettings> GetRepositoryAsync(
        HttpContext http, AutoMergeSettingsStore store, string projectKey, string slug) =>
        RestAutoMergeRestrictedSettings.ForRepository(await store.GetRepositoryAsync(http.GetPrincipal(), projectKey, slug, http.RequestAborted));

    private static async Task<RestAutoMergeRestrictedSettings> SetRepositoryAsync(
        HttpContext http, AutoMergeSettingsStore store, string projectKey, string slug, JsonElement body) =>
        RestAutoMergeRestrictedSettings.ForRepository(
            await store.SetRepositoryAsync(http.GetPrincipal(), projectKey, slug, Enabled(body), http.RequestAborted));

    private static async Task<IResult> DeleteRepositoryAsync(HttpContext http, AutoMergeSettingsStore store, string projectKey, string slug)
    {
        await store.DeleteRepositoryAsync(http.GetPrincipal(), projectKey, slug, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<RestAutoMergeRestrictedSettings> GetProjectAsync(HttpContext http, AutoMergeSettingsStore store, string projectKey) =>
        RestAutoMergeRestrictedSettings.ForProject(await store.GetProjectAsync(http.GetPrincipal(), projectKey, http.RequestAborted));

    private static async Task<RestAutoMergeRestrictedSettings> SetProjectAsync(
        HttpContext http, AutoMergeSettingsStore store, string projectKey, JsonElement body) =>
        RestAutoMergeRestrictedSettings.ForProject(
            await store.SetProjectAsync(http.GetPrincipal(), projectKey, Enabled(body), RestrictionAction(body), http.RequestAborted));

    private static async Task<IResult> DeleteProjectAsync(HttpContext http, AutoMergeSettingsStore store, string projectKey)
    {
        await store.DeleteProjectAsync(http.GetPrincipal(), projectKey, http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Bitbucket answers 400 unless <c>enabled</c> is a JSON boolean.</summary>
    private static bool Enabled(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("enabled", out var enabled) && enabled.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? enabled.GetBoolean()
            : throw GitHostException.Invalid("The 'enabled' field was not provided correctly: send {\"enabled\": true} or {\"enabled\": false}.", "enabled");

    private static AutoMergeRestrictionAction RestrictionAction(JsonElement body)
    {
        if (!body.TryGetProperty("restrictionAction", out var action) || action.ValueKind == JsonValueKind.Null)
        {
            return AutoMergeRestrictionAction.None;
        }

        return action.ValueKind == JsonValueKind.String ? action.GetString() switch
        {
            "CREATE" => AutoMergeRestrictionAction.Create,
            "DELETE" => AutoMergeRestrictionAction.Delete,
            "NONE" => AutoMergeRestrictionAction.None,
            _ => throw BadAction(),
        } : throw BadAction();

        static GitHostException BadAction() =>
            GitHostException.Invalid("The 'restrictionAction' field was not provided correctly: use CREATE, DELETE or NONE.", "restrictionAction");
    }
}

/// <summary>Bitbucket's <c>RestAutoMergeRestrictedSettings</c>.</summary>
internal sealed record RestAutoMergeRestrictedSettings(bool Enabled, string RestrictionState, RestAutoMergeScope Scope)
{
    /// <summary>A restricted project's repositories cannot change the setting; the project itself can.</summary>
    public static RestAutoMergeRestrictedSettings ForRepository(AutoMergeSettings settings) =>
        new(settings.Enabled, settings.Restricted ? "RESTRICTED_UNMODIFIABLE" : "NONE", RestAutoMergeScope.From(settings));

    public static RestAutoMergeRestrictedSettings ForProject(AutoMergeSettings settings) =>
        new(settings.Enabled, settings.Restricted ? "RESTRICTED_MODIFIABLE" : "NONE", RestAutoMergeScope.From(settings));
}

internal sealed record RestAutoMergeScope(string Type, long? ResourceId)
{
    public static RestAutoMergeScope From(AutoMergeSettings settings) => new(settings.Scope.ToString().ToUpperInvariant(), settings.ScopeId);
}
