namespace GitHost.Services.Audit;

/// <summary>
/// Wakes whoever streams committed audit records (the JSON lines writer) when a unit of work with
/// audit records was saved, so the file follows within moments instead of at the next poll.
/// </summary>
public sealed class AuditCommitted
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up reads everything committed so far.
        }
    }

    /// <summary>Completes at the next notification or after <paramref name="timeout"/>, whichever is first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
