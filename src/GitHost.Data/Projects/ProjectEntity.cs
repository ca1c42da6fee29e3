using GitHost.Core.Permissions;

namespace GitHost.Data.Projects;

public sealed class ProjectEntity
{
    public long Id { get; set; }

    public long WorkspaceId { get; set; }

    /// <summary>Upper-case key; <c>~SLUG</c> for personal projects.</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Upper-cased name; project names are unique case-insensitively.</summary>
    public string NormalizedName { get; set; } = "";

    public string? Description { get; set; }

    public bool IsPublic { get; set; }

    public ProjectType Type { get; set; }

    /// <summary>Owner of a personal project.</summary>
    public long? OwnerId { get; set; }

    /// <summary>The project level every licensed user gets ("all users" grant); None when off.</summary>
    public Permission DefaultPermission { get; set; }

    public long CreatedDate { get; set; }
}
