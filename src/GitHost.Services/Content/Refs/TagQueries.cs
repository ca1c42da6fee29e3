using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Services.Content.Files;
using LibGit2Sharp;

namespace GitHost.Services.Content.Refs;

/// <summary>Reads tags: the list and one tag by name.</summary>
public sealed class TagQueries(ContentRepositories repositories)
{
    public async Task<Page<TagView>> ListAsync(
        Principal principal, string projectKey, string slug, RefQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        using var opened = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        return RefListing.Page(opened.Git, RefNamespace.Tags, query, page).Map(View);
    }

    public async Task<TagView> GetAsync(Principal principal, string projectKey, string slug, string name, CancellationToken cancellationToken)
    {
        using var opened = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var fullName = ParseName(name);
        return opened.Git.Refs[fullName] is { } reference ? View(reference) : throw NoSuchTag(name);
    }

    /// <summary><c>v1</c> or <c>refs/tags/v1</c> → <c>refs/tags/v1</c>; 400 for anything check-ref-format would refuse.</summary>
    public static string ParseName(string? name)
    {
        var shortName = RefNamespace.Tags.ShortName(name?.Trim() ?? "");
        return BranchName.IsValid(shortName) && !shortName.StartsWith("refs/", StringComparison.Ordinal)
            ? RefNamespace.Tags.FullName(shortName)
            : throw new GitHostException(FailureKind.Invalid, $"'{name}' is not a valid tag name.", "name", ContentExceptionNames.InvalidRefName);
    }

    public static GitHostException NoSuchTag(string name) =>
        new(FailureKind.NotFound, $"Tag '{name}' does not exist in this repository.", exceptionName: ContentExceptionNames.NoSuchTag);

    internal static TagView View(Reference reference)
    {
        var direct = reference.ResolveToDirectReference();
        return new TagView(
            reference.CanonicalName,
            RefNamespace.Tags.ShortName(reference.CanonicalName),
            CommitResolver.Peel(reference)?.Sha ?? direct.TargetIdentifier,
            direct.TargetIdentifier);
    }
}
