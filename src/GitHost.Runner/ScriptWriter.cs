using System.Text;

namespace GitHost.Runner;

/// <summary>
/// Turns a step's script into one bash file with Bitbucket's semantics: the commands run in order in
/// one shell, each echoed as <c>+ command</c> first, and the first that fails ends the script
/// (<c>set -e</c>) with its exit code. Standard error joins standard output so the log keeps their order.
/// </summary>
public static class ScriptWriter
{
    public static string Compose(IReadOnlyList<string> commands, string workingDirectory)
    {
        var script = new StringBuilder();
        script.Append("#!/bin/bash\nexec 2>&1\nset -e\ncd ").Append(Quote(workingDirectory)).Append('\n');
        foreach (var command in commands)
        {
            script.Append("printf '+ %s\\n' ").Append(Quote(command)).Append('\n');
            script.Append(command).Append('\n');
        }

        return script.ToString();
    }

    /// <summary>Single quotes, with each quote inside written as <c>'\''</c>.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
