using System.Reflection;
using GitHost.Data;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace GitHost.Testing;

/// <summary>
/// Feeds a theory every database provider that runs here (SQLite and PostgreSQL):
/// <c>[Theory, AllDatabases] public async Task X(DatabaseProvider provider)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllDatabasesAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new([new TheoryDataRow(DatabaseProvider.Sqlite), new TheoryDataRow(DatabaseProvider.Postgres)]);

    public override bool SupportsDiscoveryEnumeration() => true;
}
