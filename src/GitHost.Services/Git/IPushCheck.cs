namespace GitHost.Services.Git;

/// <summary>
/// A check of a whole push rather than of one ref (secret scanning reads the pushed commits once for
/// all refs). Runs in the pre-receive hook after every <see cref="IRefUpdatePolicy"/> allowed every
/// update, while the pushed objects are still quarantined. It may refuse the push or let it through
/// with warnings; both reach the pusher as <c>remote:</c> lines.
/// </summary>
public interface IPushCheck
{
    Task<PushCheckResult> CheckAsync(PushTarget push, IReadOnlyList<RefUpdate> updates, CancellationToken cancellationToken);
}
