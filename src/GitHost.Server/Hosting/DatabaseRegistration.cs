using GitHost.Data;
using GitHost.Db.Postgres;
using GitHost.Db.Sqlite;
using GitHost.Db.SqlServer;
using GitHost.Services.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GitHost.Server.Hosting;

internal static class DatabaseRegistration
{
    public static IServiceCollection AddGitHostDatabase(this IServiceCollection services, IConfiguration configuration, DataHome home)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var connectionString = ConnectionStringFor(options, home);
        services.AddDbContextPool<GitHostDbContext>(
            (provider, builder) =>
            {
                Configure(builder, options.Provider, connectionString);
                builder.AddInterceptors(provider.GetRequiredService<AfterCommit>());
                // Others registered as IInterceptor join it (a test injects a failing save this way).
                builder.AddInterceptors(provider.GetServices<IInterceptor>());
            },
            options.MaxPoolSize);
        return services;
    }

    private static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        var typed = (DbContextOptionsBuilder<GitHostDbContext>)builder;
        _ = provider switch
        {
            DatabaseProvider.Sqlite => SqliteDatabase.UseSqlite(typed, connectionString),
            DatabaseProvider.Postgres => PostgresDatabase.UsePostgres(typed, connectionString),
            DatabaseProvider.SqlServer => SqlServerDatabase.UseSqlServer(typed, connectionString),
            _ => throw new InvalidOperationException($"Unknown database provider '{provider}'. Use Sqlite, Postgres or SqlServer."),
        };
    }

    private static string ConnectionStringFor(DatabaseOptions options, DataHome home)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException(
                $"GitHost:Database:ConnectionString is required for the {options.Provider} provider; set it in appsettings or as GitHost__Database__ConnectionString.");
        }

        // Shared cache off and a busy timeout: concurrent writers wait instead of failing with SQLITE_BUSY.
        return $"Data Source={Path.Combine(home.Path, "githost.db")};Cache=Private;Default Timeout=30;Pooling=True";
    }
}
