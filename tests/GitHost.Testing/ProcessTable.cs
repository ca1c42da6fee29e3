namespace GitHost.Testing;

/// <summary>Reads Linux's <c>/proc</c>: who is whose child, and whether a process still runs (a zombie does not).</summary>
public static class ProcessTable
{
    /// <summary>Every process below <paramref name="processId"/>, children before grandchildren.</summary>
    public static IReadOnlyList<int> DescendantsOf(int processId)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = stat.ParentId;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([processId]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (child, _) in parents.Where(p => p.Value == parent))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>True while the process exists and is not a zombie (exited, not yet reaped).</summary>
    public static bool IsRunning(int processId) => Stat(processId) is { State: not 'Z' and not 'X' };

    /// <summary>The command line, arguments joined by spaces ("" when the process is gone).</summary>
    public static string CommandLine(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static (char State, int ParentId)? Stat(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
