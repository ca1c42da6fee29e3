namespace GitHost.Server.Tests.Authorization;

/// <summary>
/// One endpoint and the status Bitbucket gives each role, in <see cref="Role"/> order:
/// anonymous, no access, read, write, admin, sys-admin. <c>{s}</c> in the path and the body
/// factory's argument are a unique suffix, so creating calls never collide.
/// </summary>
public sealed record MatrixRow(string Method, string Path, Func<string, object?>? Body, int[] Expected)
{
    public override string ToString() => $"{Method} {Path}";
}
