namespace GitHost.Git.Commands;

/// <summary>
/// The environment every git process gets: PATH from the server, HOME pointing at GitHost's own
/// folder (so no user's ~/.gitconfig leaks in), no system config, no prompts, C locale, and no
/// replace objects.
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

        // A refs/replace/<id> ref makes git read another object wherever <id> is asked for: raw,
        // browse, archive and diff would serve the replacement for the original id, while
        // LibGit2Sharp (which ignores replace refs) and clones show the real object, and the checks
        // receive-pack runs on a push would walk the replacement. Every git GitHost starts, and every
        // git those start, reads objects as they are. git reads the repository's own config after
        // this variable, so a copied-in repository with core.useReplaceRefs=true would turn them back
        // on: the same key as command-line config (GIT_CONFIG_COUNT) wins over the repository's.
        // GitCommand.Config's -c options travel in GIT_CONFIG_PARAMETERS and do not clash with it.
        target["GIT_NO_REPLACE_OBJECTS"] = "1";
        target["GIT_CONFIG_COUNT"] = "1";
        target["GIT_CONFIG_KEY_0"] = "core.useReplaceRefs";
        target["GIT_CONFIG_VALUE_0"] = "false";
    }
}
