namespace GitHost.Services.Content.Compare;

/// <summary>The repository a compare is asked of and its <c>from</c>, <c>to</c> and <c>fromRepo</c>, as the caller wrote them.</summary>
public sealed record CompareRequest(string ProjectKey, string Slug, string? From, string? To, string? FromRepo);
