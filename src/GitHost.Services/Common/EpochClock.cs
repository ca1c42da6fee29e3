namespace GitHost.Services.Common;

/// <summary>Epoch milliseconds, the timestamp format of every REST payload, from the injected clock.</summary>
public sealed class EpochClock(TimeProvider time)
{
    public long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
