namespace GitHost.Data.Projects;

public enum ProjectType
{
    Normal = 0,
    Personal = 1,
}
