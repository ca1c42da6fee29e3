using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Data.Audit;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Ssh.Auth;
using GitHost.Ssh.Hosting;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.GitSsh;

/// <summary>
/// SSH sign-ins leave one audit record per connection: a success once the signature verified (not for the
/// client's unsigned "is this key acceptable" query too), a failure once when the client gives up, naming the keys offered.
/// </summary>
public sealed class GitSshSignInAuditTests(SshServerPerProvider servers) : IClassFixture<SshServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_clone_with_a_user_key_records_one_success_with_the_user_address_and_fingerprint(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var userId = await server.CreateUserAsync("sshaudited", Ct);
        await server.CreateRepositoryAsync("SSHAUD", "cloned", Ct);
        await server.GrantRepositoryAsync("SSHAUD", "cloned", "sshaudited", "REPO_READ", Ct);
        using var key = await SshClientKey.CreateAsync(server, Ct);
        var keyId = await key.AddForAsync(server, "sshaudited", Ct);
        var fingerprint = FingerprintOf(key);
        var work = Directory.CreateTempSubdirectory("githost-ssh-audit-").FullName;

        var clone = await GitSshTestApi.GitAsync(key, work, Ct, "clone", server.SshUrl("SSHAUD/cloned.git"), Path.Combine(work, "c"));
        await WaitForNoConnectionsAsync(server);

        Assert.True(clone.ExitCode == 0, clone.StandardError);
        var records = await RecordsAboutAsync(server, fingerprint);
        var record = Assert.Single(records);
        Assert.Equal("auth.signin.succeeded", record.Action);
        Assert.Equal(userId, record.ActorUserId);
        Assert.Equal("sshaudited", record.ActorName);
        Assert.Equal("SSH_KEY", record.Credential);
        Assert.Null(record.CredentialId);
        Assert.Equal("SSH", record.Method);
        Assert.Equal("127.0.0.1", record.SourceIp);
        Assert.Equal("USER", record.ObjectType);
        Assert.Equal(userId.ToString(System.Globalization.CultureInfo.InvariantCulture), record.ObjectId);
        Assert.Contains("\"method\":\"ssh-key\"", record.After);
        Assert.Contains($"\"keyId\":{keyId}", record.After);
    }

    [Theory]
    [AllDatabases]
    public async Task Unknown_keys_record_one_failure_per_connection_naming_every_key_offered(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var first = await SshClientKey.CreateAsync(server, Ct);
        using var second = await SshClientKey.CreateAsync(server, Ct);

        // One connection offering two keys: two refused offers, one failed sign-in.
        var result = await server.SshAsync(first, "git-upload-pack '/ANY/repo.git'", Ct, "-i", second.PrivateKeyPath);
        await WaitForNoConnectionsAsync(server);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.Stderr);
        var records = await RecordsAboutAsync(server, FingerprintOf(first));
        var record = Assert.Single(records);
        Assert.Equal(record.Id, Assert.Single(await RecordsAboutAsync(server, FingerprintOf(second))).Id);
        Assert.Equal("auth.signin.failed", record.Action);
        Assert.Null(record.ActorUserId);
        Assert.Null(record.ActorName);
        Assert.Equal("SSH_KEY", record.Credential);
        Assert.Equal("SSH", record.Method);
        Assert.Equal("127.0.0.1", record.SourceIp);
        Assert.Equal(FingerprintOf(first), record.ObjectName);
        Assert.Contains("\"userName\":\"git\"", record.After);
        Assert.Contains("\"keysOffered\":2", record.After);
    }

    [Theory]
    [AllDatabases]
    public async Task An_access_key_records_one_success_naming_the_key(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await server.CreateRepositoryAsync("SSHAUDK", "deploy", Ct);
        using var key = await SshClientKey.CreateAsync(server, Ct);
        using (var admin = server.AdminClient())
        {
            await (await admin.PostAsJsonAsync("/rest/keys/1.0/projects/SSHAUDK/repos/deploy/ssh", new { key = new { text = key.PublicLine }, permission = "REPO_READ" }, Ct))
                .ExpectAsync(HttpStatusCode.Created, Ct);
        }

        var fingerprint = FingerprintOf(key);
        var keyId = await server.WithDatabaseAsync(db => db.SshKeys.Where(k => k.FingerprintSha256 == fingerprint).Select(k => k.Id).SingleAsync(Ct));
        var work = Directory.CreateTempSubdirectory("githost-ssh-audit-ak-").FullName;

        var listed = await GitSshTestApi.GitAsync(key, work, Ct, "ls-remote", server.SshUrl("SSHAUDK/deploy.git"));
        await WaitForNoConnectionsAsync(server);

        Assert.True(listed.ExitCode == 0, listed.StandardError);
        var record = Assert.Single(await RecordsAboutAsync(server, fingerprint));
        Assert.Equal("auth.signin.succeeded", record.Action);
        Assert.Null(record.ActorUserId);
        Assert.Equal($"access-key-{keyId}", record.ActorName);
        Assert.Equal("ACCESS_KEY", record.Credential);
        Assert.Equal(keyId, record.CredentialId);
        Assert.Equal("SSH", record.Method);
        Assert.Equal("127.0.0.1", record.SourceIp);
        Assert.Equal("ACCESS_KEY", record.ObjectType);
    }

    private static string FingerprintOf(SshClientKey key) =>
        SshPublicKey.TryParse(key.PublicLine, out var parsed) ? parsed!.Fingerprint : throw new InvalidOperationException("ssh-keygen wrote an unreadable key");

    /// <summary>The sign-in records whose details name the key (parsed: the stored JSON escapes the '+' of a fingerprint).</summary>
    private static async Task<List<AuditEventEntity>> RecordsAboutAsync(GitHostTestServer server, string fingerprint)
    {
        var records = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action.StartsWith("auth.signin.") && e.Method == "SSH").OrderBy(e => e.Id).ToListAsync(Ct));
        return records.Where(r => Names(r, fingerprint)).ToList();
    }

    private static bool Names(AuditEventEntity record, string fingerprint)
    {
        using var details = JsonDocument.Parse(record.After!);
        var root = details.RootElement;
        return root.TryGetProperty("fingerprint", out var one) && one.GetString() == fingerprint
            || root.TryGetProperty("fingerprints", out var many) && many.EnumerateArray().Any(f => f.GetString() == fingerprint);
    }

    /// <summary>
    /// A failed sign-in is recorded as its connection ends on the server, which may be just after the
    /// client exited; the connection leaves the server's count only once that is done.
    /// </summary>
    private static async Task WaitForNoConnectionsAsync(GitHostTestServer server)
    {
        var ssh = server.Services.GetRequiredService<SshServer>();
        var elapsed = Stopwatch.StartNew();
        while (ssh.ActiveConnections > 0 && elapsed.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20, Ct);
        }

        Assert.Equal(0, ssh.ActiveConnections);
    }
}
