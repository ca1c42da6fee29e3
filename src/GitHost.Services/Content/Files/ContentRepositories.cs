using GitHost.Core.Security;
using GitHost.Git.Reading;
using GitHost.Git.Storage;
using GitHost.Services.Repositories;

namespace GitHost.Services.Content.Files;

/// <summary>Opens a repository for a content request once REPO_READ is established (hidden → 404, anonymous → 401).</summary>
public sealed class ContentRepositories(RepositoryLookup lookup, GitRepositoryOpener opener, RepositoryLayout layout)
{
    public async Task<OpenedRepository> OpenAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await lookup.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        var id = found.Repository.Id;
        return new OpenedRepository(found, opener.Open(id), layout.PathOf(id));
    }
}
