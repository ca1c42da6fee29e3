using System.Net.Http.Headers;
using System.Text;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Data.Permissions;
using GitHost.Data.Users;
using GitHost.Server.Hosting;
using GitHost.Services.Permissions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitHost.Testing;

/// <summary>
/// A real GitHost on Kestrel at 127.0.0.1 on a free port, with its own temporary data home and
/// its own database (a SQLite file, or a fresh PostgreSQL database).
/// <code>
/// await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, ct);
/// using var admin = server.AdminClient();
/// var response = await admin.GetAsync("/rest/api/1.0/projects", ct);
/// </code>
/// </summary>
public sealed class GitHostTestServer : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "admin-password-1";
    public const string DefaultPassword = "user-password-1";

    private readonly WebApplication _app;
    private readonly string _home;

    private GitHostTestServer(WebApplication app, string home, DatabaseProvider provider, Uri baseAddress, CapturedLogs logs)
    {
        Logs = logs;
        _app = app;
        _home = home;
        Provider = provider;
        BaseAddress = baseAddress;
    }

    public DatabaseProvider Provider { get; }

    public Uri BaseAddress { get; }

    public string DataHome => _home;

    /// <summary>Settings that turn Git over SSH on, on a free loopback port (<see cref="SshPort"/>).</summary>
    public static IDictionary<string, string?> EnableSsh => new Dictionary<string, string?> { ["GitHost:Ssh:Enabled"] = "true" };

    /// <summary>The port the embedded SSH server bound; fails when the server was started without <see cref="EnableSsh"/>.</summary>
    public int SshPort => Services.GetRequiredService<GitHost.Ssh.Hosting.SshServer>().LocalEndPoint?.Port
        ?? throw new InvalidOperationException("SSH is off in this test server: start it with GitHostTestServer.EnableSsh.");

    /// <summary>known_hosts lines (<c>[127.0.0.1]:port ssh-ed25519 AAAA…</c>) for the server's host keys.</summary>
    public IReadOnlyList<string> SshKnownHosts =>
        Services.GetRequiredService<GitHost.Ssh.Hosting.SshServer>().HostKeys!.Describe()
            .Select(k => $"[127.0.0.1]:{SshPort} {k.PublicKey}").ToList();

    /// <summary>Where the bare repository with this id lives on disk.</summary>
    public string RepositoryPath(long repositoryId) => Services.GetRequiredService<GitHost.Git.Storage.RepositoryLayout>().PathOf(repositoryId);

    public IServiceProvider Services => _app.Services;

    /// <summary>Everything the server logged, at every level including Debug.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>
    /// Starts a server (SQLite) with <paramref name="settings"/> it must refuse, and returns why it refused;
    /// fails, after stopping it, if it started.
    /// </summary>
    public static async Task<Exception> StartupFailureAsync(IDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var started = await StartAsync(DatabaseProvider.Sqlite, cancellationToken, settings);
        }
        catch (Exception failure)
        {
            return failure;
        }

        throw new InvalidOperationException("The server started with settings it should have refused: " + string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}")));
    }

    public static async Task<GitHostTestServer> StartAsync(
        DatabaseProvider provider,
        CancellationToken cancellationToken,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var home = Path.Combine(Path.GetTempPath(), "githost-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => null,
            DatabaseProvider.Postgres => await TestDatabases.CreatePostgresDatabaseAsync(cancellationToken),
            _ => throw new NotSupportedException($"{provider} cannot run on this machine."),
        };

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        var configuration = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["GitHost:Home"] = home,
            ["GitHost:Admin:Password"] = AdminPassword,
            ["GitHost:Database:Provider"] = provider.ToString(),
            ["GitHost:Database:ConnectionString"] = connectionString,
            // Git over SSH costs a listener and host key generation: off unless a test asks (EnableSsh).
            ["GitHost:Ssh:Enabled"] = "false",
            ["GitHost:Ssh:Port"] = "0",
            ["GitHost:Ssh:ListenAddress"] = "127.0.0.1",
            // Every test client comes from 127.0.0.1, as if all sat behind one NAT: the per-address
            // sign-in limit would let one test's wrong passwords lock out the next. Tests of it turn it on.
            ["GitHost:Security:MaxFailedSignInsPerAddress"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        // Rules for this provider beat appsettings.json's "Default": "Information", so GitHost's Debug lines are captured.
        builder.Logging.AddFilter<CapturedLogs>(null, LogLevel.Debug);
        builder.Logging.AddFilter<CapturedLogs>("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter<CapturedLogs>("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Logging.AddProvider(logs);
        builder.AddGitHost();
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseGitHost();
        await app.PrepareAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
        // Kestrel also lists the loopback hook listener, which serves nothing but the hook callbacks.
        var hookPort = app.Services.GetRequiredService<GitHost.Git.Hooks.HookInstallation>().CallbackPort;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .First(a => new Uri(a).Port != hookPort);
        return new GitHostTestServer(app, home, provider, new Uri(address), logs);
    }

    /// <summary>An HTTP client sending Basic credentials (none for anonymous).</summary>
    public HttpClient Client(string? user = null, string? password = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (user is not null)
        {
            var raw = Encoding.UTF8.GetBytes($"{user}:{password ?? DefaultPassword}");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
        }

        return client;
    }

    public HttpClient AdminClient() => Client(AdminUser, AdminPassword);

    /// <summary>An HTTP client sending <c>Authorization: Bearer</c>.</summary>
    public HttpClient BearerClient(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a user directly in the database (no REST), optionally with a global permission.</summary>
    public async Task<long> CreateUserAsync(string name, CancellationToken cancellationToken, Permission global = Permission.None, string password = DefaultPassword)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserEntity>>();
        var user = new UserEntity
        {
            UserName = name,
            Slug = name.ToLowerInvariant(),
            DisplayName = name,
            Email = name + "@example.com",
            LockoutEnabled = true,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        if (global != Permission.None)
        {
            var db = scope.ServiceProvider.GetRequiredService<GitHostDbContext>();
            db.GlobalUserPermissions.Add(new GlobalUserPermissionEntity { UserId = user.Id, Permission = global });
            await db.SaveChangesAsync(cancellationToken);
            scope.ServiceProvider.GetRequiredService<AccessGrantsCache>().InvalidateAll();
        }

        return user.Id;
    }

    /// <summary>Runs data setup or inspection against the server's own database.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<GitHostDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var result = await action(scope.ServiceProvider.GetRequiredService<GitHostDbContext>());
        scope.ServiceProvider.GetRequiredService<AccessGrantsCache>().InvalidateAll();
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A git process may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
