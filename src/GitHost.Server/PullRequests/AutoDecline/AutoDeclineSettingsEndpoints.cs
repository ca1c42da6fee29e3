using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Server.Auth;
using GitHost.Services.PullRequests.AutoDecline;

namespace GitHost.Server.PullRequests.AutoDecline;

/// <summary>
/// <c>/projects/{key}[/repos/{slug}]/settings/auto-decline</c>: whether open pull requests are declined after
/// 1, 2, 4, 8 or 12 weeks without an update; a repository inherits its project's setting until it sets its own.
/// </summary>
internal static class AutoDeclineSettingsEndpoints
{
    private const string Repository = "/projects/{projectKey}/repos/{slug}/settings/auto-decline";
    private const string Project = "/projects/{projectKey}/settings/auto-decline";

    public static RouteGroupBuilder MapAutoDeclineSettingsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Repository, GetRepositoryAsync);
        api.MapPut(Repository, SetRepositoryAsync);
        api.MapDelete(Repository, DeleteRepositoryAsync);
        api.MapGet(Project, GetProjectAsync);
        api.MapPut(Project, SetProjectAsync);
        api.MapDelete(Project, DeleteProjectAsync);
        return api;
    }

    private static async Task<RestAutoDeclineSettings> GetRepositoryAsync(
        HttpContext http, AutoDeclineSettingsStore store, string projectKey, string slug) =>
        RestAutoDeclineSettings.From(await store.GetRepositoryAsync(http.GetPrincipal(), projectKey, slug, http.RequestAborted));

    private static async Task<RestAutoDeclineSettings> SetRepositoryAsync(
        HttpContext http, AutoDeclineSettingsStore store, string projectKey, string slug, JsonElement body)
    {
        var (enabled, weeks) = Parse(body);
        return RestAutoDeclineSettings.From(await store.SetRepositoryAsync(http.GetPrincipal(), projectKey, slug, enabled, weeks, http.RequestAborted));
    }

    private static async Task<IResult> DeleteRepositoryAsync(HttpContext http, AutoDeclineSettingsStore store, string projectKey, string slug)
    {
        await store.DeleteRepositoryAsync(http.GetPrincipal(), projectKey, slug, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<RestAutoDeclineSettings> GetProjectAsync(HttpContext http, AutoDeclineSettingsStore store, string projectKey) =>
        RestAutoDeclineSettings.From(await store.GetProjectAsync(http.GetPrincipal(), projectKey, http.RequestAborted));

    private static async Task<RestAutoDeclineSettings> SetProjectAsync(HttpContext http, AutoDeclineSettingsStore store, string projectKey, JsonElement body)
    {
        var (enabled, weeks) = Parse(body);
        return RestAutoDeclineSettings.From(await store.SetProjectAsync(http.GetPrincipal(), projectKey, enabled, weeks, http.RequestAborted));
    }

    private static async Task<IResult> DeleteProjectAsync(HttpContext http, AutoDeclineSettingsStore store, string projectKey)
    {
        await store.DeleteProjectAsync(http.GetPrincipal(), projectKey, http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Bitbucket answers 400 unless <c>enabled</c> is a JSON boolean and <c>inactivityWeeks</c>, when sent, is
    /// 1, 2, 4, 8 or 12; a missing <c>inactivityWeeks</c> keeps the period that applies now.
    /// </summary>
    private static (bool Enabled, int? InactivityWeeks) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("enabled", out var enabled) || enabled.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw GitHostException.Invalid("The 'enabled' field was not provided correctly: send {\"enabled\": true} or {\"enabled\": false}.", "enabled");
        }

        if (!body.TryGetProperty("inactivityWeeks", out var weeks) || weeks.ValueKind == JsonValueKind.Null)
        {
            return (enabled.GetBoolean(), null);
        }

        return weeks.ValueKind == JsonValueKind.Number && weeks.TryGetInt32(out var value) && AutoDeclineSettings.AllowedWeeks.Contains(value)
            ? (enabled.GetBoolean(), value)
            : throw GitHostException.Invalid("The 'inactivityWeeks' field must be one of 1, 2, 4, 8 or 12.", "inactivityWeeks");
    }
}

/// <summary>Bitbucket's <c>RestAutoDeclineSettings</c>.</summary>
internal sealed record RestAutoDeclineSettings(bool Enabled, int InactivityWeeks, RestAutoDeclineScope Scope)
{
    public static RestAutoDeclineSettings From(AutoDeclineSettings settings) =>
        new(settings.Enabled, settings.InactivityWeeks, new RestAutoDeclineScope(settings.Scope.ToString().ToUpperInvariant(), settings.ScopeId));
}

internal sealed record RestAutoDeclineScope(string Type, long? ResourceId);
