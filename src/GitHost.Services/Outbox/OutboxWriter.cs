using System.Text.Json;
using GitHost.Data;
using GitHost.Data.Outbox;
using GitHost.Services.Common;

namespace GitHost.Services.Outbox;

/// <summary>
/// Adds an event to the current unit of work. It is committed by the caller's SaveChanges, in the
/// same transaction as the change it describes; the save then wakes the consumers.
/// </summary>
public sealed class OutboxWriter(GitHostDbContext db, EpochClock clock, OutboxSignal signal, AfterCommit afterCommit)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private bool _armed;

    public void Add(string eventKey, long? actorUserId, object payload)
    {
        db.OutboxMessages.Add(new OutboxMessageEntity
        {
            EventKey = eventKey,
            ActorUserId = actorUserId,
            Payload = JsonSerializer.Serialize(payload, Json),
            CreatedDate = clock.NowMs(),
        });
        Arm();
    }

    /// <summary>One pulse after the next save, whatever its outcome (a consumer that finds nothing just waits again).</summary>
    private void Arm()
    {
        if (_armed)
        {
            return;
        }

        _armed = true;
        db.SavedChanges += OnSaved;
        db.SaveChangesFailed += OnSaved;
    }

    private void OnSaved(object? sender, EventArgs e)
    {
        // Pooled contexts outlive this writer: unhook so a later request's save does not call into it.
        db.SavedChanges -= OnSaved;
        db.SaveChangesFailed -= OnSaved;
        _armed = false;
        afterCommit.Run(db, signal.Pulse);
    }
}
