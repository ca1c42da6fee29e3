using System.Globalization;
using GitHost.Core.Failures;
using GitHost.Core.Parsing;
using GitHost.Core.Permissions;
using GitHost.Services.Users;

namespace GitHost.Server.Users;

/// <summary>
/// Reads <c>GET /users</c> permission filters: <c>permission=ADMIN</c>, and numbered filters
/// <c>permission.1=PROJECT_ADMIN&amp;permission.1.projectKey=KEY</c>,
/// <c>permission.2=REPO_READ&amp;permission.2.projectKey=KEY&amp;permission.2.repositorySlug=repo</c>
/// (or <c>.projectId</c> / <c>.repositoryId</c>). Numbering starts at 1 and stops at the first
/// gap; at most 50 filters count, as in Bitbucket.
/// </summary>
internal static class UserPermissionFilterParser
{
    public const int MaxFilters = 50;

    public static IReadOnlyList<UserPermissionFilter> Parse(IQueryCollection query)
    {
        var filters = new List<UserPermissionFilter>();
        if (query.ContainsKey("permission"))
        {
            filters.Add(ParseOne(query, "permission"));
        }

        for (var n = 1; n <= MaxFilters; n++)
        {
            var root = "permission." + n.ToString(CultureInfo.InvariantCulture);
            if (!query.ContainsKey(root))
            {
                break;
            }

            filters.Add(ParseOne(query, root));
        }

        return filters;
    }

    private static UserPermissionFilter ParseOne(IQueryCollection query, string root)
    {
        var value = query[root].ToString();
        if (!PermissionNames.TryParse(value, out var permission))
        {
            throw GitHostException.Invalid($"'{value}' is not a permission; use a global, project or repository permission such as ADMIN, PROJECT_READ or REPO_WRITE.", root);
        }

        var projectKey = Text(query, root + ".projectKey");
        var projectId = Id(query, root + ".projectId");
        switch (PermissionScopes.ScopeOf(permission))
        {
            case PermissionScope.Global:
                return new UserPermissionFilter(permission, root);
            case PermissionScope.Project:
                return projectKey is null && projectId is null
                    ? throw GitHostException.Invalid($"{root} is a project permission: name the project with {root}.projectKey or {root}.projectId.", root)
                    : new UserPermissionFilter(permission, root, projectKey, projectId);
            default:
                var slug = Text(query, root + ".repositorySlug");
                var repositoryId = Id(query, root + ".repositoryId");
                return repositoryId is null && (projectKey is null || slug is null)
                    ? throw GitHostException.Invalid(
                        $"{root} is a repository permission: name the repository with {root}.repositoryId, or {root}.projectKey and {root}.repositorySlug.", root)
                    : new UserPermissionFilter(permission, root, projectKey, null, slug, repositoryId);
        }
    }

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;

    private static long? Id(IQueryCollection query, string name)
    {
        var text = Text(query, name);
        if (text is null)
        {
            return null;
        }

        return DecimalDigits.TryParse(text, out long id)
            ? id
            : throw GitHostException.Invalid($"{name} must be a number.", name);
    }
}
