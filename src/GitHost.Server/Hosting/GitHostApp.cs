using GitHost.Core.Failures;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Git;
using GitHost.Git.Hooks;
using GitHost.Server.GitHooks;
using GitHost.Server.Auth;
using GitHost.Server.Cluster;
using GitHost.Server.Errors;
using GitHost.Server.Rest;
using GitHost.Services;
using GitHost.Services.Permissions;
using GitHost.Server.Web;
using GitHost.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Hosting;

/// <summary>The composition root: what the server is made of and the order requests flow through it.</summary>
public static class GitHostApp
{
    public static WebApplicationBuilder AddGitHost(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var home = DataHome.Resolve(configuration);
        home.EnsureCreated();
        var services = builder.Services;
        PublicEndpoints.Configure(builder);
        builder.UseBuildOutputAssets();
        services.AddSingleton(home);
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.SectionName);
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddTrustedProxies(configuration);
        services.AddGitHostDatabase(configuration, home);
        services.AddGitHostCluster(configuration, home);
        services.AddGitHostGit(home.Path);
        services.AddSingleton<HookListener>();
        services.AddGitHostServices(configuration);
        services.AddGitHostIdentity();
        services.AddGitHostRest();
        services.AddGitHostFeatures();
        services.AddGitHostWeb();
        services.AddWebHostServices();
        // Session cookies are encrypted with these keys; in the shared data home they survive restarts and work on every node.
        services.AddDataProtection().SetApplicationName("GitHost").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(home.Config, "data-protection")));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseGitHost(this WebApplication app)
    {
        app.UseHookListenerSeparation();
        app.UseTrustedProxies(app.Configuration);
        app.UseSecurityHeaders();
        app.UseWebFiles();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Failures the caller caused are answered, not logged as server errors.
            SuppressDiagnosticsCallback = context => context.Exception is GitHostException or BadHttpRequestException,
            ExceptionHandlingPath = WebErrorPages.ErrorPath,
            // The error page answers 404 for what the user may not see; without this the middleware would rethrow.
            AllowStatusCode404Response = true,
            // The error page is a component; it needs its own scope, not the failed page's half-initialized one.
            CreateScopeForErrors = true,
        });
        app.UseRestStatusPages();
        app.UseAuthentication();
        app.UseBadCredentialsRejection();
        app.UseUserNameHeader();
        app.UseXsrfCheck();
        app.UseGitHostRateLimiting();
        app.UseAntiforgery();
        app.UseWebNotFoundPage();
        app.MapGitHostEndpoints();
        app.MapGitHostWeb();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");
        app.MapOpenApi("/rest/openapi/{documentName}.json");
        return app;
    }

    /// <summary>Migrates the database, seeds a fresh installation and announces where the server listens.</summary>
    public static async Task PrepareAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.MigrateOnStart)
        {
            await app.MigrateDatabaseAsync(cancellationToken);
        }
        else
        {
            await app.DemandMigratedDatabaseAsync(cancellationToken);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InitialData>().EnsureAsync(cancellationToken);
        }

        await app.Services.GetRequiredService<HookListener>().PrepareAsync(app, cancellationToken);

        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Announce(app));
    }

    public static async Task MigrateDatabaseAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GitHostDbContext>();
        await DatabaseMigrator.MigrateAsync(db, cancellationToken);
    }

    /// <summary>With MigrateOnStart off the server never changes the schema; it refuses to start on one that is behind.</summary>
    private static async Task DemandMigratedDatabaseAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GitHostDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}) and GitHost:Database:MigrateOnStart is false. " +
                "Run 'GitHost.Server migrate' (or 'dotnet GitHost.Server.dll migrate') with the same configuration, then start the server again.");
        }
    }

    private static void AddGitHostIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<UserEntity>(options =>
            {
                // Identity's lockout would refuse every credential of the user; SignInThrottle refuses passwords only.
                options.Lockout.AllowedForNewUsers = false;
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddEntityFrameworkStores<GitHostDbContext>();
        services.AddSingleton<CredentialCache>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddSingleton<SessionRecheck>();
        services.AddScoped<CredentialVerifier>();
        services.AddScoped<InitialData>();
        services.AddAuthentication(AuthSchemes.Selector)
            .AddPolicyScheme(AuthSchemes.Selector, "API or cookie", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? AuthSchemes.Api : AuthSchemes.Cookie)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiAuthenticationHandler>(AuthSchemes.Api, null)
            .AddCookie(AuthSchemes.Cookie, options =>
            {
                options.Cookie.Name = "GITHOST_SESSION";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.LoginPath = "/login";
                options.Events.OnValidatePrincipal = CookieSessionValidator.ValidateAsync;
                options.Events.OnRedirectToLogin = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/rest"))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    }

                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorization();
    }

    private static void AddGitHostRest(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddExceptionHandler<RestExceptionHandler>();
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            // Bitbucket does not HTML-escape quotes and apostrophes in JSON; neither do we (the content type is JSON, not HTML).
            options.SerializerOptions.Encoder = global::System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            options.SerializerOptions.DefaultIgnoreCondition = global::System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, RestJsonContext.Default);
        });
        services.AddScoped<LinkBuilder>();
        services.AddScoped<RestMapper>();
    }
}
