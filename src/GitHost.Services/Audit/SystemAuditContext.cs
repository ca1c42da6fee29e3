namespace GitHost.Services.Audit;

/// <summary>The context of work no request asked for: the system acts.</summary>
public sealed class SystemAuditContext : IAuditContext
{
    public AuditOrigin Current => AuditOrigin.System;
}
