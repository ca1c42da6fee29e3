namespace GitHost.Services.Git;

/// <summary>
/// Namespaces GitHost manages itself and clients may not write, as in Bitbucket: pull request refs
/// (<c>refs/pull-requests/{id}/from|merge</c>) are moved only by the server.
/// </summary>
public sealed class HiddenRefsPolicy : IRefUpdatePolicy
{
    public static readonly IReadOnlyList<string> HiddenPrefixes = ["refs/pull-requests/"];

    public ValueTask<string?> CheckAsync(PushTarget push, RefUpdate update, CancellationToken cancellationToken) =>
        ValueTask.FromResult(HiddenPrefixes.FirstOrDefault(p => update.RefName.StartsWith(p, StringComparison.Ordinal)) is { } prefix
            ? $"{update.RefName}: refs under {prefix} are managed by GitHost and cannot be pushed. Push a branch under refs/heads/ instead."
            : null);
}
