namespace GitHost.Data.Repositories;

/// <summary>When a user last opened one of a repository's pages: what <c>/profile/recent/repos</c> and the dashboard list.</summary>
public sealed class RecentRepositoryEntity
{
    public long UserId { get; set; }

    public long RepositoryId { get; set; }

    /// <summary>Epoch milliseconds of the latest view.</summary>
    public long ViewedDate { get; set; }
}
