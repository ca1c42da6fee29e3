using GitHost.Server.Rest;

namespace GitHost.Server.Content.Commits;

/// <summary>
/// A commit author or committer: <c>{name, emailAddress}</c> from git, or, when the e-mail belongs to
/// a GitHost user, that user's JSON (name, emailAddress, id, displayName, active, slug, type, links), as Bitbucket does.
/// </summary>
public sealed record RestPerson(
    string Name,
    string EmailAddress,
    long? Id = null,
    string? DisplayName = null,
    bool? Active = null,
    string? Slug = null,
    string? Type = null,
    RestLinks? Links = null);
