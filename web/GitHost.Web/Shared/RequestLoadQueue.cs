namespace GitHost.Web.Shared;

/// <summary>
/// Lets one component of a request load at a time. A page's services share the request's database context,
/// which takes one operation at a time; but Blazor renders a page as soon as its loading first awaits, so a
/// child that loads too (the ref selector, the create-pull-request form) would start while the page still
/// loads, and the context throws "a second operation was started". On SQLite every query completes before it
/// returns, so this only ever showed on PostgreSQL.
/// </summary>
public sealed class RequestLoadQueue : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public Task EnterAsync(CancellationToken cancellationToken) => _one.WaitAsync(cancellationToken);

    public void Leave() => _one.Release();

    public void Dispose() => _one.Dispose();
}
