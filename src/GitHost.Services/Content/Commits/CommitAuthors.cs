using GitHost.Data;
using GitHost.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Content.Commits;

/// <summary>
/// Maps the e-mail addresses of commit authors and committers to GitHost users, one query per page,
/// so the REST layer can show a matched author as the user (as Bitbucket does). Matching ignores
/// case; inactive users are not matched.
/// </summary>
public sealed class CommitAuthors(GitHostDbContext db)
{
    public async Task<IReadOnlyDictionary<string, UserEntity>> ByEmailAsync(IEnumerable<CommitView> commits, CancellationToken cancellationToken)
    {
        var emails = commits.SelectMany(c => new[] { c.AuthorEmail, c.CommitterEmail })
            .Where(e => !string.IsNullOrEmpty(e))
            .Select(e => e.ToUpperInvariant())
            .Distinct()
            .ToList();
        if (emails.Count == 0)
        {
            return new Dictionary<string, UserEntity>();
        }

        // Identity keeps an upper-cased copy of the e-mail, indexed, which makes this a case-insensitive IN.
        var users = await db.Users.AsNoTracking()
            .Where(u => u.Active && u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail))
            .ToListAsync(cancellationToken);
        var byEmail = new Dictionary<string, UserEntity>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in users.OrderBy(u => u.Id))
        {
            byEmail.TryAdd(user.Email!, user);
        }

        return byEmail;
    }
}
