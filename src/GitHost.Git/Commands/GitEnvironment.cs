namespace GitHost.Git.Commands;

/// <summary>
/// The environment every git process gets: PATH from the server, HOME pointing at GitHost's own
/// folder (so no user's ~/.gitconfig leaks in), no system config, no prompts, C locale.
/// </summary>
public sealed class GitEnvironment(string homeDirectory)
{
    public string HomeDirectory { get; } = homeDirectory;

    public void Apply(IDictionary<string, string?> target)
    {
        var path = target.TryGetValue("PATH", out var p) ? p : "/usr/local/bin:/usr/bin:/bin";
        target.Clear();
        target["PATH"] = path;
        target["HOME"] = HomeDirectory;
        target["GIT_CONFIG_NOSYSTEM"] = "1";
        target["GIT_TERMINAL_PROMPT"] = "0";
        target["LC_ALL"] = "C";
    }
}
