namespace GitHost.Server.Rest;

public sealed record RestLink(string Href, string? Name = null);

/// <summary>Links are arrays of objects even when there is one link, as in Bitbucket.</summary>
public sealed class RestLinks(IReadOnlyList<RestLink>? self, IReadOnlyList<RestLink>? clone = null)
{
    public IReadOnlyList<RestLink>? Self { get; } = self;

    public IReadOnlyList<RestLink>? Clone { get; } = clone;
}
