namespace GitHost.Services.Pipelines.Queries;

/// <summary>The end of a step's log: its text, the log's whole size, and whether earlier bytes were left out.</summary>
public sealed record LogTail(string Text, long Size, bool Truncated);
