using GitHost.Services.Content.Files;

namespace GitHost.Services.Content.Compare;

/// <summary>
/// A compare request's repository, opened, with <see cref="From"/> as the target repository can
/// resolve it: the caller's text when the source is this repository, or the commit id it named in
/// the fork (<c>fromRepo</c>) once that commit's objects are here too.
/// </summary>
public sealed class CompareScope(OpenedRepository repository, string? from, string? to) : IDisposable
{
    public OpenedRepository Repository { get; } = repository;

    public string? From { get; } = from;

    public string? To { get; } = to;

    public void Dispose() => Repository.Dispose();
}
