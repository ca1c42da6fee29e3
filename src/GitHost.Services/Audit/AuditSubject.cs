using System.Globalization;
using GitHost.Data.Projects;
using GitHost.Data.Repositories;

namespace GitHost.Services.Audit;

/// <summary>
/// The object an action affected, with the project and repository it sits in (for the project and
/// repository filters and for project admins' view). Names are kept as they were at the time.
/// </summary>
public sealed record AuditSubject(
    string Type, string? Id, string? Name,
    long? ProjectId = null, string? ProjectKey = null, long? RepositoryId = null, string? RepositorySlug = null)
{
    public static AuditSubject Global { get; } = new("GLOBAL", null, "Global");

    public static AuditSubject User(long id, string? name) => new("USER", Text(id), name);

    /// <summary>A user by name only: not saved yet, or not found (a sign-in with an unknown name).</summary>
    public static AuditSubject UserNamed(string name) => new("USER", null, name);

    public static AuditSubject Group(string name) => new("GROUP", name, name);

    public static AuditSubject Project(ProjectEntity project) =>
        new("PROJECT", Text(project.Id), project.Name, project.Id, project.Key);

    public static AuditSubject Repository(RepositoryEntity repository, ProjectEntity project) =>
        new("REPOSITORY", Text(repository.Id), repository.Name, project.Id, project.Key, repository.Id, repository.Slug);

    /// <summary>Something inside a repository (a ref, a pull request, a webhook, a restriction), named by its own id.</summary>
    public static AuditSubject InRepository(string type, string id, string? name, RepositoryEntity repository, ProjectEntity project) =>
        new(type, id, name, project.Id, project.Key, repository.Id, repository.Slug);

    /// <summary>Something inside a project (a project token, access key, webhook or restriction).</summary>
    public static AuditSubject InProject(string type, string id, string? name, ProjectEntity project) =>
        new(type, id, name, project.Id, project.Key);

    /// <summary>Something that belongs to a repository, a project, or (both null) to no place.</summary>
    public static AuditSubject Within(string type, long id, string? name, ProjectEntity? project, RepositoryEntity? repository) =>
        new(type, Text(id), name, project?.Id, project?.Key, repository?.Id, repository?.Slug);

    public static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
