namespace GitHost.Data.PullRequests;

public enum SettingsScope
{
    Project = 0,
    Repository = 1,
}
