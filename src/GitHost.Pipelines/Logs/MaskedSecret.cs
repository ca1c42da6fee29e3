namespace GitHost.Pipelines.Logs;

/// <summary>A secured variable to hide from logs: wherever its value appears it is replaced by <c>$NAME</c>.</summary>
public sealed record MaskedSecret(string Name, string Value);
