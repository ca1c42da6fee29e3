namespace GitHost.Server.Rest;

public sealed record RestProject(
    string Key,
    long Id,
    string Name,
    string? Description,
    bool Public,
    string Type,
    RestUser? Owner,
    RestLinks Links);
