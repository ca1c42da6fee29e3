using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace GitHost.E2E.Tests;

/// <summary>axe-core on the page as it is now, reduced to the violations that block people: serious and critical.</summary>
internal static class Axe
{
    /// <summary>One line per violation: the page, the rule, its help and the elements at fault.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, string label)
    {
        AxeResult result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{label}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")
            .ToList();
    }
}
