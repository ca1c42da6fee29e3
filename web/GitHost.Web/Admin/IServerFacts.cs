namespace GitHost.Web.Admin;

/// <summary>One line of the server information page: what, and its value.</summary>
public sealed record ServerFact(string Name, string Value);

/// <summary>What the host knows about itself for administrators: version, database, SSH and its host keys.</summary>
public interface IServerFacts
{
    IReadOnlyList<ServerFact> Describe();
}
