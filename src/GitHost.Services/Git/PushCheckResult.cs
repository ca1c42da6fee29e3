namespace GitHost.Services.Git;

/// <summary>What the pre-receive hook tells the pusher: refusals reject the push; warnings let it through.</summary>
public sealed record PushCheckResult(IReadOnlyList<string> Refusals, IReadOnlyList<string> Warnings)
{
    public static readonly PushCheckResult Allowed = new([], []);

    public bool Refused => Refusals.Count > 0;
}
