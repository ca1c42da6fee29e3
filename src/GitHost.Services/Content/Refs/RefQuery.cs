namespace GitHost.Services.Content.Refs;

/// <summary>
/// Filters of the branch and tag lists: <see cref="FilterText"/> matches anywhere in the short name,
/// ignoring case; <see cref="BoostMatches"/> puts the exact match, then prefix matches, first.
/// </summary>
public sealed record RefQuery(string? FilterText, RefOrder Order, bool BoostMatches);
