namespace GitHost.Data.Repositories;

public enum RepositoryState
{
    Available = 0,
    Initialising = 1,
    InitialisationFailed = 2,
    Offline = 3,
}
