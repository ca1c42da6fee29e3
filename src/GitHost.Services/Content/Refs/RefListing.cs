using GitHost.Core.Paging;
using LibGit2Sharp;

namespace GitHost.Services.Content.Refs;

/// <summary>
/// Orders, filters and pages the refs of one namespace. Reading the ref names is cheap (packed-refs
/// plus loose files); commits are loaded only for <see cref="RefOrder.Modification"/>, which needs
/// each tip's date, and for the refs of the page being returned.
/// </summary>
internal static class RefListing
{
    public static Page<Reference> Page(Repository repo, RefNamespace space, RefQuery query, PageRequest page)
    {
        var filter = query.FilterText?.Trim();
        IEnumerable<Reference> refs = repo.Refs.FromGlob(space.Prefix + "*")
            .Where(r => string.IsNullOrEmpty(filter) || space.ShortName(r.CanonicalName).Contains(filter, StringComparison.OrdinalIgnoreCase));
        refs = query.Order == RefOrder.Modification
            ? refs.Select(r => (Ref: r, When: CommitResolver.Peel(r)?.Committer.When ?? DateTimeOffset.MinValue))
                .OrderByDescending(x => x.When).ThenBy(x => x.Ref.CanonicalName, StringComparer.Ordinal).Select(x => x.Ref)
            : refs.OrderBy(r => r.CanonicalName, StringComparer.Ordinal);
        if (query.BoostMatches && !string.IsNullOrEmpty(filter))
        {
            // A stable sort keeps the requested order inside each group: exact, prefix, the rest.
            refs = refs.OrderBy(r => Rank(space.ShortName(r.CanonicalName), filter));
        }

        return Page<Reference>.From(refs, page);
    }

    private static int Rank(string name, string filter) =>
        string.Equals(name, filter, StringComparison.OrdinalIgnoreCase) ? 0
        : name.StartsWith(filter, StringComparison.OrdinalIgnoreCase) ? 1
        : 2;
}
