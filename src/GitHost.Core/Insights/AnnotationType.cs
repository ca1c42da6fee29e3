namespace GitHost.Core.Insights;

public enum AnnotationType
{
    Vulnerability = 0,
    CodeSmell = 1,
    Bug = 2,
}
