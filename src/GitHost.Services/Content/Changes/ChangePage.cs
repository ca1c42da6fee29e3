using GitHost.Core.Paging;

namespace GitHost.Services.Content.Changes;

/// <summary>A page of changes with the two commits they lie between (<c>fromHash</c> is null for a root commit).</summary>
public sealed record ChangePage(Page<FileChange> Page, string? FromHash, string ToHash);
