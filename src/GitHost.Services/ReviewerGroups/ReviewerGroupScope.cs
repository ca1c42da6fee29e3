using GitHost.Data.Projects;
using GitHost.Data.PullRequests;
using GitHost.Data.Repositories;
using GitHost.Data.ReviewerGroups;
using GitHost.Services.Audit;

namespace GitHost.Services.ReviewerGroups;

/// <summary>
/// The project or repository a reviewer group request names. A repository sees its own groups and
/// its project's (Bitbucket's scope inheritance); it changes only its own.
/// </summary>
public sealed record ReviewerGroupScope(ProjectEntity Project, RepositoryEntity? Repository)
{
    public SettingsScope Type => Repository is null ? SettingsScope.Project : SettingsScope.Repository;

    public long ScopeId => Repository?.Id ?? Project.Id;

    /// <summary>The groups this scope owns.</summary>
    public IQueryable<ReviewerGroupEntity> Own(IQueryable<ReviewerGroupEntity> groups)
    {
        var (type, id) = (Type, ScopeId);
        return groups.Where(g => g.ScopeType == type && g.ScopeId == id);
    }

    /// <summary>The groups this scope owns and, for a repository, its project's.</summary>
    public IQueryable<ReviewerGroupEntity> Visible(IQueryable<ReviewerGroupEntity> groups)
    {
        if (Repository is null)
        {
            return Own(groups);
        }

        var (repositoryId, projectId) = (Repository.Id, Project.Id);
        return groups.Where(g => (g.ScopeType == SettingsScope.Repository && g.ScopeId == repositoryId)
            || (g.ScopeType == SettingsScope.Project && g.ScopeId == projectId));
    }

    public AuditSubject Audit(ReviewerGroupEntity group) => Repository is null
        ? AuditSubject.InProject("REVIEWER_GROUP", AuditSubject.Text(group.Id), group.Name, Project)
        : AuditSubject.InRepository("REVIEWER_GROUP", AuditSubject.Text(group.Id), group.Name, Repository, Project);
}
