namespace GitHost.Git.Maintenance;

/// <summary>One <c>pack-*.pack</c>: its size, when it was written, and whether a <c>.keep</c> file holds it.</summary>
internal sealed record PackFile(long Bytes, DateTimeOffset Written, bool Kept);
