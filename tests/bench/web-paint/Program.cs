using System.Globalization;
using Microsoft.Playwright;

// web-paint BASE_URL USER PASSWORD RUNS WARMUP OUT_DIR NAME=PATH...
// Signs in through the login form once, then loads each page RUNS times (after WARMUP untimed rounds,
// in rotating order) in a fresh tab (or, with BENCH_TAB=same, all in one tab) and writes, per page, the milliseconds from navigation start to
// the first contentful paint, to DOMContentLoaded and to the load event, and the HTML size.
//
// web-paint circuits BASE_URL USER PASSWORD PATH COUNT[,COUNT...]
// Signs in, opens and closes PATH once (so the server has run a circuit), prints "ready"; then opens tabs of
// PATH until COUNT of them have their interactive part live (form[data-live=true]), printing "open COUNT"
// each time, closes them all and prints "closed". After each line it waits for a line on standard input, so
// the caller can read the server's memory at that point.
var circuitsMode = args.Length > 0 && args[0] == "circuits";
if (circuitsMode ? args.Length != 6 : args.Length < 7)
{
    Console.Error.WriteLine("usage: web-paint BASE_URL USER PASSWORD RUNS WARMUP OUT_DIR NAME=PATH...");
    Console.Error.WriteLine("       web-paint circuits BASE_URL USER PASSWORD PATH COUNT[,COUNT...]");
    return 2;
}

if (circuitsMode)
{
    args = args[1..];
}

var (baseUrl, user, password) = (args[0], args[1], args[2]);
var chromium = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
    .Select(d => Path.Combine(d, "chromium")).FirstOrDefault(File.Exists)
    ?? throw new InvalidOperationException("chromium is not on PATH (apt-get install chromium)");

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
{
    BaseURL = baseUrl,
    ViewportSize = new ViewportSize { Width = 1200, Height = 700 },
});
var login = await context.NewPageAsync();
await login.GotoAsync("/login");
await login.Locator("input[name=j_username]").FillAsync(user);
await login.Locator("input[name=j_password]").FillAsync(password);
await login.Locator("form button[type=submit]").ClickAsync();
await login.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
await login.CloseAsync();

if (circuitsMode)
{
    await OpenCircuitsAsync(context, args[3], args[4].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList());
    return 0;
}

var outDir = args[5];
var runs = int.Parse(args[3], CultureInfo.InvariantCulture);
var warmup = int.Parse(args[4], CultureInfo.InvariantCulture);
var pages = args[6..].Select(a => a.Split('=', 2)).Select(p => (Name: p[0], Path: p[1])).ToList();
Directory.CreateDirectory(outDir);
// BENCH_TAB=same: every load in one tab, from the page before, as a reader clicking through; else a fresh tab each.
var sharedTab = Environment.GetEnvironmentVariable("BENCH_TAB") == "same" ? await context.NewPageAsync() : null;
var results = pages.ToDictionary(p => p.Name, _ => new List<string>());
for (var round = 0; round < warmup + runs; round++)
{
    var shift = round % pages.Count;
    foreach (var (name, path) in pages.Skip(shift).Concat(pages.Take(shift)))
    {
        var page = sharedTab ?? await context.NewPageAsync();
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        if (response is not { Status: 200 })
        {
            throw new InvalidOperationException($"{path} answered {response?.Status}");
        }

        var timing = await page.EvaluateAsync<double[]>(
            // In a tab that already showed a page, Chromium holds the old paint until the new page paints, which may be
            // after the load event: wait for the entry (buffered) instead of reading it once.
            @"() => new Promise(resolve => {
                      const n = performance.getEntriesByType('navigation')[0];
                      const answer = fcp => resolve([fcp, n.domContentLoadedEventEnd, n.loadEventEnd, n.transferSize, n.responseEnd]);
                      const timer = setTimeout(() => answer(-1), 5000);
                      new PerformanceObserver(list => {
                          const p = list.getEntriesByName('first-contentful-paint')[0];
                          if (p) { clearTimeout(timer); answer(p.startTime); }
                      }).observe({ type: 'paint', buffered: true });
                  })");
        if (round >= warmup)
        {
            results[name].Add(string.Join(' ', timing.Select(t => t.ToString("0.###", CultureInfo.InvariantCulture))));
        }

        if (sharedTab is null)
        {
            await page.CloseAsync();
        }
    }
}

foreach (var (name, lines) in results)
{
    await File.WriteAllLinesAsync(Path.Combine(outDir, name), lines);
}

return 0;

static async Task OpenCircuitsAsync(IBrowserContext context, string path, IReadOnlyList<int> counts)
{
    async Task<IPage> OpenLiveAsync()
    {
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path, new PageGotoOptions { Timeout = 60_000 });
        if (response is not { Status: 200 })
        {
            throw new InvalidOperationException($"{path} answered {response?.Status}");
        }

        await page.Locator("form[data-live='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        return page;
    }

    void Report(string line)
    {
        Console.WriteLine(line);
        Console.Out.Flush();
        Console.ReadLine();
    }

    await (await OpenLiveAsync()).CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
    Report("ready");
    var open = new List<IPage>();
    foreach (var count in counts)
    {
        while (open.Count < count)
        {
            open.Add(await OpenLiveAsync());
        }

        Report("open " + count);
    }

    foreach (var page in open)
    {
        await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
    }

    Report("closed");
}
