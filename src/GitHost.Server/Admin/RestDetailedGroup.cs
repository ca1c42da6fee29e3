namespace GitHost.Server.Admin;

public sealed record RestDetailedGroup(string Name, bool Deletable);
