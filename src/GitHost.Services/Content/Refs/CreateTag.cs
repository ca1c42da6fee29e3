namespace GitHost.Services.Content.Refs;

/// <summary>
/// A tag to create. <see cref="Annotated"/> null means "annotated when a message is given" (the core
/// API); the git module's <c>type: ANNOTATED|LIGHTWEIGHT</c> sets it. <see cref="Force"/> replaces an existing tag.
/// </summary>
public sealed record CreateTag(string? Name, string? StartPoint, string? Message, bool? Annotated, bool Force);
