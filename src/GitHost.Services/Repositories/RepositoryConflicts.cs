using GitHost.Core.Failures;
using GitHost.Data;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Repositories;

/// <summary>
/// Names and slugs are unique within a project. The slug has a unique index; the name is compared
/// case-insensitively here, since two names differing only in case would share a slug anyway.
/// </summary>
internal static class RepositoryConflicts
{
    public static Task<bool> ClashesAsync(
        GitHostDbContext db, long projectId, string name, string slug, long? exceptId, CancellationToken cancellationToken)
    {
        var upperName = name.ToUpperInvariant();
        return db.Repositories.AsNoTracking().AnyAsync(
            r => r.ProjectId == projectId && r.Id != exceptId && (r.Slug == slug || r.Name.ToUpper() == upperName),
            cancellationToken);
    }

    public static async Task EnsureFreeAsync(
        GitHostDbContext db, long projectId, string projectKey, string name, string slug, long? exceptId, CancellationToken cancellationToken)
    {
        if (await ClashesAsync(db, projectId, name, slug, exceptId, cancellationToken))
        {
            throw Duplicate(projectKey, name);
        }
    }

    public static GitHostException Duplicate(string projectKey, string name) =>
        new(FailureKind.Conflict,
            $"This repository name is already taken by another repository in project {projectKey}. Please choose another name.",
            "name", BitbucketExceptionNames.DuplicateRepository);
}
