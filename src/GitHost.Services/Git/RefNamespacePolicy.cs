using GitHost.Git;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Git;

/// <summary>
/// Pushes may create and move branches, tags and notes, and refs in the folders an administrator
/// allows (<see cref="GitOptions.AllowedExtraRefPrefixes"/>); nothing else. Above all this keeps out
/// <c>refs/replace/</c>, which makes git read another object for an object id (GitHost's own git runs
/// ignore them, see <c>GitEnvironment</c>, but every client that fetches one would not). An allow-list
/// rather than a ban on one folder, because git gives other folders meanings too and a ref no REST
/// door lists would hold objects nobody sees. Deleting such a ref stays allowed, so an administrator
/// can clean up a repository that was copied in with one; moving it is refused like creating it.
/// </summary>
public sealed class RefNamespacePolicy(IOptions<GitOptions> options) : IRefUpdatePolicy
{
    public static readonly IReadOnlyList<string> AcceptedPrefixes = ["refs/heads/", "refs/tags/", "refs/notes/"];

    public ValueTask<string?> CheckAsync(PushTarget push, RefUpdate update, CancellationToken cancellationToken)
    {
        if (update.IsDelete)
        {
            return ValueTask.FromResult<string?>(null);
        }

        IReadOnlyList<string> allowed = [.. AcceptedPrefixes.Concat(options.Value.AllowedExtraRefPrefixes).Distinct(StringComparer.Ordinal)];
        return ValueTask.FromResult(allowed.Any(p => update.RefName.StartsWith(p, StringComparison.Ordinal))
            ? null
            : $"{update.RefName}: refs outside {string.Join(", ", allowed.SkipLast(1))} and {allowed[^1]} are not accepted. "
                + "Push it as a branch (refs/heads/...) or a tag (refs/tags/...) instead.");
    }
}
