namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    private static MatrixRow[] AuditRows => [];
}
