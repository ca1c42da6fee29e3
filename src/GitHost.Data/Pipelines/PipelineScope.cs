namespace GitHost.Data.Pipelines;

/// <summary>Where a runner or a variable applies: everywhere, or one workspace, project or repository (<c>ScopeId</c>; 0 for the server).</summary>
public enum PipelineScope
{
    Server = 0,
    Workspace = 1,
    Project = 2,
    Repository = 3,
}
