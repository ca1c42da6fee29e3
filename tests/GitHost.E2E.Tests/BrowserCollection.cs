using Xunit;

namespace GitHost.E2E.Tests;

/// <summary>
/// Every browser test shares one server and one Chromium, and runs one after the other: on a small
/// machine, a server and a browser per class running side by side would only make them slow and flaky.
/// Each test names its own projects and users, and gets its own browser context.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserServer>
{
    public const string Name = "Browser";
}
