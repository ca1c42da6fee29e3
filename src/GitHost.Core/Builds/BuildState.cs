namespace GitHost.Core.Builds;

public enum BuildState
{
    Successful = 0,
    Failed = 1,
    InProgress = 2,
    Cancelled = 3,
    Unknown = 4,
}
