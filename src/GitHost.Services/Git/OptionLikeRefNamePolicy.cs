using GitHost.Git;

namespace GitHost.Services.Git;

/// <summary>
/// Refuses ref names with a part that starts with '-' (<c>refs/heads/-x</c>, <c>refs/tags/--output=x</c>,
/// <c>refs/heads/feature/-x</c>). Such a short name is an option to any git command or script it is
/// handed to, and the REST API refuses names starting with '-' (400), so a branch pushed as
/// <c>-x</c> could not be deleted there. Deleting one that exists stays allowed, so a push can clean it up.
/// </summary>
public sealed class OptionLikeRefNamePolicy : IRefUpdatePolicy
{
    public ValueTask<string?> CheckAsync(PushTarget push, RefUpdate update, CancellationToken cancellationToken) =>
        ValueTask.FromResult(update.IsDelete || !RefNames.HasOptionLikePart(update.RefName)
            ? null
            : $"{update.RefName}: no part of a ref name may start with '-', because git would read it as an option. {Instead(update.RefName)}");

    // The same name with the leading dashes dropped, when that still leaves every part non-empty.
    private static string Instead(string refName)
    {
        var parts = refName.Split('/').Select(p => p.TrimStart('-')).ToList();
        return parts.All(p => p.Length > 0)
            ? $"Push it as {string.Join('/', parts)} instead."
            : "Rename it so that no part starts with '-'.";
    }
}
