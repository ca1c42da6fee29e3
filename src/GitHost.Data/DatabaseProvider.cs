namespace GitHost.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}
