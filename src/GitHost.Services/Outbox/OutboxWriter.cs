using System.Text.Json;
using GitHost.Data;
using GitHost.Data.Outbox;
using GitHost.Services.Common;

namespace GitHost.Services.Outbox;

/// <summary>
/// Adds an event to the current unit of work. It is committed by the caller's SaveChanges, in the
/// same transaction as the change it describes.
/// </summary>
public sealed class OutboxWriter(GitHostDbContext db, EpochClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Add(string eventKey, long? actorUserId, object payload) =>
        db.OutboxMessages.Add(new OutboxMessageEntity
        {
            EventKey = eventKey,
            ActorUserId = actorUserId,
            Payload = JsonSerializer.Serialize(payload, Json),
            CreatedDate = clock.NowMs(),
        });
}
