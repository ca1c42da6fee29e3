using GitHost.Core.Paging;

namespace GitHost.Services.Content.Commits;

/// <summary>A page of commits, with the totals <c>withCounts=true</c> asks for.</summary>
public sealed record CommitPage(Page<CommitView> Page, int? TotalCount, int? AuthorCount);
