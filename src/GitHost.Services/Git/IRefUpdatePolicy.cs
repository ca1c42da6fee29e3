namespace GitHost.Services.Git;

/// <summary>
/// A rule the pre-receive hook applies to every ref a push wants to move. All registered policies
/// run (in registration order) for every update; the first refusal rejects the whole push, atomically,
/// before any ref moves. This is the seam branch permissions plug into: register another
/// <c>IRefUpdatePolicy</c> that matches the ref against the repository's restrictions.
/// </summary>
public interface IRefUpdatePolicy
{
    /// <summary>Null to allow; otherwise the message the pusher sees (as <c>remote:</c> lines), saying what to do.</summary>
    ValueTask<string?> CheckAsync(PushTarget push, RefUpdate update, CancellationToken cancellationToken);
}
