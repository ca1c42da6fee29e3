using GitHost.Core.Paging;

namespace GitHost.Services.Content.Commits;

/// <summary>A page of changes with the two commits they lie between (<c>fromHash</c> is null for a root commit).</summary>
public sealed record ChangePage(Page<ChangeView> Page, string? FromHash, string ToHash);
