namespace GitHost.Server.Hosting;

/// <summary>
/// The data home: <c>GITHOST_HOME</c>, else <c>GitHost:Home</c>, else <c>./data</c>. Holds the
/// SQLite database, the repositories and generated secrets.
/// </summary>
public sealed class DataHome(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string Shared => System.IO.Path.Combine(Path, "shared");

    public string Config => System.IO.Path.Combine(Shared, "config");

    public static DataHome Resolve(IConfiguration configuration) =>
        new(Environment.GetEnvironmentVariable("GITHOST_HOME") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : configuration["GitHost:Home"] is { Length: > 0 } configured ? configured : "data");

    public void EnsureCreated()
    {
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(Shared);
        Directory.CreateDirectory(Config);
    }
}
