namespace GitHost.Server.Rest;

public record RestUser(
    string Name,
    string? EmailAddress,
    long Id,
    string DisplayName,
    bool Active,
    string Slug,
    string Type,
    RestLinks Links);

/// <summary>The admin view of a user.</summary>
public sealed record RestDetailedUser(
    string Name,
    string? EmailAddress,
    long Id,
    string DisplayName,
    bool Active,
    string Slug,
    string Type,
    RestLinks Links,
    string DirectoryName,
    bool Deletable,
    long? LastAuthenticationTimestamp,
    bool MutableDetails,
    bool MutableGroups,
    long CreatedTimestamp)
    : RestUser(Name, EmailAddress, Id, DisplayName, Active, Slug, Type, Links);
