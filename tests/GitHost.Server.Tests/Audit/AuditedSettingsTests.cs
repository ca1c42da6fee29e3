using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Data.Audit;
using GitHost.Server.Tests.BranchPermissions;
using GitHost.Server.Tests.TestData;
using GitHost.Server.Tests.Webhooks;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Audit;

/// <summary>Branch permissions, the branching model, secret scanning and webhooks: each change leaves exactly one record, without secrets.</summary>
public sealed class AuditedSettingsTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Key = "AUDSET";
    private const string Slug = "guarded";
    private const string Repo = "/rest/api/1.0/projects/" + Key + "/repos/" + Slug;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Each_settings_change_is_recorded_once_in_its_repository_with_before_and_after(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        var repositoryId = await server.CreateRepositoryAsync(Key, Slug, Ct);

        var restriction = await admin.RestrictAsync(Key, Slug, BranchPermissionTestApi.Restriction("no-deletes", "BRANCH", "refs/heads/main"), Ct);
        await (await admin.DeleteAsync(BranchPermissionTestApi.Restrictions(Key, Slug) + "/" + restriction, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        const string model = "/rest/branch-utils/1.0/projects/" + Key + "/repos/" + Slug + "/branchmodel/configuration";
        await (await admin.PutAsJsonAsync(model, new { development = new { refId = "develop", useDefault = false } }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var rule = await (await admin.PostAsJsonAsync(Repo + "/secret-scanning/rules", new { name = "vendor token", lineRegex = "vnd_[a-z0-9]{20}" }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        var ruleId = rule.GetProperty("id").GetInt64();
        await (await admin.PutAsJsonAsync($"{Repo}/secret-scanning/rules/{ruleId}", new { name = "vendor token v2", lineRegex = "vnd_[a-z0-9]{32}" }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync($"{Repo}/secret-scanning/rules/{ruleId}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.PutAsync(Repo + "/secret-scanning/exempt", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.DeleteAsync(Repo + "/secret-scanning/exempt", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        const string secret = "do-not-log-this-secret";
        var hook = await WebhookDeliveryTests.CreateHookAsync(admin, Repo + "/webhooks", new Uri("https://ci.example.invalid/hook"), ["pr:merged"], Ct, secret, "ci");
        var hookId = hook.GetProperty("id").GetInt64();
        await (await admin.PutAsJsonAsync($"{Repo}/webhooks/{hookId}", new { name = "ci2", url = "https://ci.example.invalid/hook2", events = new[] { "pr:opened" }, active = false }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync($"{Repo}/webhooks/{hookId}", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        var records = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.RepositoryId == repositoryId).OrderBy(e => e.Id).ToListAsync(Ct));
        AuditEventEntity One(string action) => Assert.Single(records, r => r.Action == action);

        var created = One("branch-permission.created");
        Assert.Equal(GitHostTestServer.AdminUser, created.ActorName);
        Assert.Equal("REST", created.Method);
        Assert.Equal(restriction.ToString(System.Globalization.CultureInfo.InvariantCulture), created.ObjectId);
        Assert.Contains("refs/heads/main", created.After);
        Assert.Contains("no-deletes", One("branch-permission.deleted").Before);
        Assert.Contains("develop", One("branch-model.modified").After);
        Assert.Contains("vnd_[a-z0-9]{20}", One("secret-scanning.rule.created").After);
        var modified = One("secret-scanning.rule.modified");
        Assert.Contains("{20}", modified.Before);
        Assert.Contains("{32}", modified.After);
        Assert.Equal("vendor token v2", One("secret-scanning.rule.deleted").ObjectName);
        One("secret-scanning.exemption.added");
        One("secret-scanning.exemption.removed");
        Assert.Contains("https://ci.example.invalid/hook", One("webhook.created").After);
        var hookModified = One("webhook.modified");
        Assert.Contains("\"active\":true", hookModified.Before);
        Assert.Contains("\"active\":false", hookModified.After);
        Assert.Equal("ci2", One("webhook.deleted").ObjectName);
        Assert.All(records, r => Assert.DoesNotContain(secret, (r.Before ?? "") + (r.After ?? "")));
    }
}
