using System.Net;

namespace GitHost.Ssh.Hosting;

/// <summary>
/// Admission of connections that have not authenticated yet, in the manner of OpenSSH's
/// <c>MaxStartups start:rate:full</c> and <c>PerSourceMaxStartups</c>: one source address may hold
/// at most <see cref="SshServerOptions.MaxStartupsPerSource"/> such connections, so a single
/// hostile client cannot take every slot; past <see cref="SshServerOptions.StartupsRandomDropFrom"/>
/// in total, new ones are dropped with a probability rising from
/// <see cref="SshServerOptions.StartupsRandomDropPercent"/> to 100 % at
/// <see cref="SshServerOptions.MaxStartups"/>, so a distributed flood degrades service instead of
/// locking everyone out at once. A slot ends when its connection authenticates or closes.
/// </summary>
/// <example>
/// <code>
/// if (limiter.TryAdmit(remoteAddress) is not { } slot) { socket.Dispose(); return; }
/// using (slot) { ... slot.Release(); /* on USERAUTH_SUCCESS */ ... }
/// </code>
/// </example>
internal sealed class StartupLimiter(SshServerOptions options, Func<double> nextDouble)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perSource = [];
    private int _total;

    public int Unauthenticated
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>A slot for a new connection from <paramref name="source"/>, or null with the reason it was refused.</summary>
    public StartupSlot? TryAdmit(IPAddress source, out string? refusal)
    {
        source = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        lock (_gate)
        {
            refusal = Refusal(_perSource.GetValueOrDefault(source));
            if (refusal is not null)
            {
                return null;
            }

            _total++;
            _perSource[source] = _perSource.GetValueOrDefault(source) + 1;
            return new StartupSlot(this, source);
        }
    }

    private string? Refusal(int fromSource)
    {
        if (options.MaxStartupsPerSource > 0 && fromSource >= options.MaxStartupsPerSource)
        {
            return $"{fromSource} unauthenticated connections from this address";
        }

        if (_total >= options.MaxStartups)
        {
            return $"{_total} unauthenticated connections";
        }

        if (_total < options.StartupsRandomDropFrom)
        {
            return null;
        }

        var span = Math.Max(1, options.MaxStartups - options.StartupsRandomDropFrom);
        var percent = options.StartupsRandomDropPercent + (100.0 - options.StartupsRandomDropPercent) * (_total - options.StartupsRandomDropFrom) / span;
        return nextDouble() * 100 < percent ? $"{_total} unauthenticated connections (random early drop at {percent:0}%)" : null;
    }

    private void Release(IPAddress source)
    {
        lock (_gate)
        {
            _total--;
            var left = _perSource[source] - 1;
            if (left == 0)
            {
                _perSource.Remove(source);
            }
            else
            {
                _perSource[source] = left;
            }
        }
    }

    /// <summary>One admitted connection's place among the unauthenticated; released at most once.</summary>
    public sealed class StartupSlot(StartupLimiter limiter, IPAddress source) : IDisposable
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limiter.Release(source);
            }
        }

        public void Dispose() => Release();
    }
}
