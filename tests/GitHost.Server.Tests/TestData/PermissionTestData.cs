using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data.Groups;
using GitHost.Data.Repositories;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Server.Tests.TestData;

/// <summary>
/// Projects through REST, and the rows other features own (repositories, groups) straight into the
/// database, so permission tests need neither a bare repository nor the group endpoints.
/// </summary>
internal static class PermissionTestData
{
    public static async Task CreateProjectAsync(this GitHostTestServer server, string key, CancellationToken cancellationToken)
    {
        using var admin = server.AdminClient();
        await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key, name = "Project " + key }, cancellationToken))
            .ExpectAsync(HttpStatusCode.Created, cancellationToken);
    }

    public static Task<long> InsertRepositoryAsync(this GitHostTestServer server, string projectKey, string slug) =>
        server.WithDatabaseAsync(async db =>
        {
            var projectId = await db.Projects.Where(p => p.Key == projectKey).Select(p => p.Id).SingleAsync();
            var repository = new RepositoryEntity
            {
                ProjectId = projectId,
                Slug = slug,
                Name = slug,
                HierarchyId = Guid.NewGuid().ToString("N")[..20],
                CreatedDate = 1,
            };
            db.Repositories.Add(repository);
            await db.SaveChangesAsync();
            return repository.Id;
        });

    public static Task<long> InsertGroupAsync(this GitHostTestServer server, string name, params long[] memberIds) =>
        server.WithDatabaseAsync(async db =>
        {
            var group = new GroupEntity
            {
                Name = name,
                NormalizedName = name.ToLowerInvariant(),
                CreatedDate = 1,
                Members = memberIds.Select(id => new GroupMemberEntity { UserId = id }).ToList(),
            };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            return group.Id;
        });

    /// <summary>PUT, POST or DELETE with no body, as Bitbucket's permission endpoints take their input in the query.</summary>
    public static Task<HttpResponseMessage> SendEmptyAsync(this HttpClient client, HttpMethod method, string url, CancellationToken cancellationToken) =>
        client.SendAsync(new HttpRequestMessage(method, url), cancellationToken);

    public static Task<int> OutboxCountAsync(this GitHostTestServer server, string eventKey, string payloadFragment) =>
        server.WithDatabaseAsync(db => db.OutboxMessages.CountAsync(o => o.EventKey == eventKey && o.Payload.Contains(payloadFragment)));

    public static IEnumerable<string?> Strings(this JsonElement page, params string[] path) =>
        page.GetProperty("values").EnumerateArray().Select(v =>
        {
            foreach (var name in path)
            {
                v = v.GetProperty(name);
            }

            return v.GetString();
        });
}
