namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    private const string AuditEvents = "/rest/auditing/1.0/events";

    /// <summary>The audit log: system admins read all of it, project and repository admins their own place; nobody writes it.</summary>
    private static MatrixRow[] AuditRows =>
    [
        new("GET", AuditEvents, null, SysAdmins),
        new("GET", AuditEvents + "?project=" + MatrixWorld.ProjectKey, null, [401, 404, 401, 401, 200, 200]),
        new("GET", AuditEvents + "?project=" + MatrixWorld.ProjectKey + "&repository=" + MatrixWorld.RepoSlug, null, [401, 404, 401, 401, 200, 200]),
        new("GET", "/rest/auditing/latest/events?limit=1", null, SysAdmins),
        new("PUT", AuditEvents, _ => new { }, [405, 405, 405, 405, 405, 405]),
        new("DELETE", AuditEvents, null, [405, 405, 405, 405, 405, 405]),
        new("DELETE", AuditEvents + "/1", null, [404, 404, 404, 404, 404, 404]),
    ];
}
