using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Users;
using GitHost.Services.Markup;
using GitHost.Services.Permissions;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Comments;

/// <summary>
/// The users comments mention: by user name (slug) or quoted display name, active, and able to read
/// the repository the comments are in. Anyone else named stays plain text, so a mention never tells
/// a reader that an account exists behind a repository they cannot see.
/// </summary>
public sealed class CommentMentions(GitHostDbContext db, PermissionService permissions)
{
    private const int MaxNames = 50;

    public async Task<IReadOnlyDictionary<string, UserEntity>> ResolveAsync(IEnumerable<string> texts, long repositoryId, CancellationToken cancellationToken)
    {
        var names = texts.SelectMany(Mentions.Names).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxNames).ToList();
        var found = new Dictionary<string, UserEntity>(StringComparer.OrdinalIgnoreCase);
        if (names.Count == 0)
        {
            return found;
        }

        var slugs = names.Select(n => n.ToLowerInvariant()).ToList();
        var candidates = await db.Users.AsNoTracking().Where(u => u.Active && (slugs.Contains(u.Slug) || names.Contains(u.DisplayName))).ToListAsync(cancellationToken);
        var repository = await db.Repositories.AsNoTracking().FirstAsync(r => r.Id == repositoryId, cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == repository.ProjectId, cancellationToken);
        foreach (var user in candidates)
        {
            if (await permissions.RepositoryLevelAsync(new Principal(user.Id, user.UserName), repository, project, cancellationToken) < Permission.RepoRead)
            {
                continue;
            }

            foreach (var name in names.Where(n => string.Equals(n, user.Slug, StringComparison.OrdinalIgnoreCase) || n == user.DisplayName))
            {
                found.TryAdd(name, user);
            }
        }

        return found;
    }
}
