namespace GitHost.Pipelines.Definitions;

/// <summary>
/// One thing wrong with a <c>bitbucket-pipelines.yml</c>: where (1-based line and column of the
/// offending node), what (the message starts with the path, e.g. <c>pipelines.default[0].step</c>),
/// and what to write instead (<see cref="Hint"/>), when there is something useful to say.
/// </summary>
public sealed record PipelineProblem(int Line, int Column, string Message, string? Hint);
