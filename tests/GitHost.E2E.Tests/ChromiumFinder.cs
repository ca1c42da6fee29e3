namespace GitHost.E2E.Tests;

/// <summary>
/// Debian's Chromium, which the suite drives instead of a browser Playwright would download (there is
/// no download here, and the distribution's build is what gets security updates).
/// </summary>
internal static class ChromiumFinder
{
    /// <summary>Chromium's command-line switches for a headless run in a container, without calls home.</summary>
    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public static string Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        // Never a silent skip: without a browser the suite fails and says how to get one.
        throw new InvalidOperationException(
            "Chromium is not installed, so the end-to-end tests cannot run. Run tests/run.sh (it installs the Debian package " +
            "'chromium' when run as root) or: apt-get install chromium.");
    }
}
