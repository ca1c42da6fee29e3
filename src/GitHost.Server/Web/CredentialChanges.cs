using GitHost.Server.Auth;
using GitHost.Web.Shared;

namespace GitHost.Server.Web;

/// <summary>What <see cref="CredentialInvalidation"/> does after a REST change, for the pages' forms.</summary>
internal sealed class CredentialChanges(CredentialCache credentials, SessionRecheck sessions) : ICredentialChanges
{
    public void Changed()
    {
        credentials.InvalidateAll();
        sessions.Demand();
    }
}
