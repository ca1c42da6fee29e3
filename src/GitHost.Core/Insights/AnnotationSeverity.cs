namespace GitHost.Core.Insights;

public enum AnnotationSeverity
{
    Low = 0,
    Medium = 1,
    High = 2,
}
