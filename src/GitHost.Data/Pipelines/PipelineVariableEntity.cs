namespace GitHost.Data.Pipelines;

/// <summary>
/// A variable steps see in their environment. A secured one is stored encrypted (<see cref="Value"/> is
/// the protected text), never returned by the API and masked in logs.
/// </summary>
public sealed class PipelineVariableEntity
{
    public long Id { get; set; }

    public Guid Uuid { get; set; }

    public PipelineScope ScopeType { get; set; }

    public long ScopeId { get; set; }

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public bool Secured { get; set; }

    public long CreatedDate { get; set; }

    public long UpdatedDate { get; set; }
}
