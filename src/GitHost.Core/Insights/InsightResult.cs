namespace GitHost.Core.Insights;

public enum InsightResult
{
    Pass = 0,
    Fail = 1,
}
