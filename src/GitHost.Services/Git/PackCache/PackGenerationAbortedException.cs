namespace GitHost.Services.Git.PackCache;

/// <summary>
/// The generation a request was reading was killed (timeout, shutdown, a failed disk): what was sent is
/// not a whole answer, so the door must break the connection rather than end the response cleanly.
/// </summary>
public sealed class PackGenerationAbortedException() : IOException("The upload-pack answer being generated for this request was cut short.");
