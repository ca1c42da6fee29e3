namespace GitHost.Services.Audit;

/// <summary>
/// Who is acting right now and from where, as the door that received the work knows it. The
/// server provides it per request (HTTP, hook callbacks of a push); without a request it is
/// <see cref="AuditOrigin.System"/>.
/// </summary>
public interface IAuditContext
{
    AuditOrigin Current { get; }
}
