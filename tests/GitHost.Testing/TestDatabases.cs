using GitHost.Data;
using Npgsql;

namespace GitHost.Testing;

/// <summary>
/// The database providers every data-touching test runs against. PostgreSQL comes from
/// <c>GITHOST_TEST_POSTGRES</c> (a connection string without a database), which tests/run.sh sets
/// after starting a server on loopback. Without it the PostgreSQL cases fail with a message saying
/// how to run them; they are never skipped.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "GITHOST_TEST_POSTGRES";

    /// <summary>Creates a fresh, empty PostgreSQL database and returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync(CancellationToken cancellationToken)
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set, so the PostgreSQL cases cannot run. Run tests/run.sh, which starts PostgreSQL on loopback and sets it.");
        }

        var name = "githost_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
