namespace GitHost.Web.Shared;

/// <summary>
/// Told by a page after it changed credentials (a password, a token, an SSH key), so that whatever the
/// host remembers about verified credentials and sessions is checked again on the next request, as
/// after the same change through the REST API.
/// </summary>
public interface ICredentialChanges
{
    void Changed();
}
