namespace GitHost.Web.Settings;

/// <summary>
/// The four things a permissions form posts (<c>grant-user</c>, <c>grant-group</c>, <c>revoke-user</c>,
/// <c>revoke-group</c>, as <see cref="GrantTable"/> names them), done by the services of one level:
/// global, project or repository.
/// </summary>
public sealed class GrantActions(
    Func<string, string?, Task> grantUser, Func<string, string?, Task> grantGroup, Func<string, Task> revokeUser, Func<string, Task> revokeGroup)
{
    public static bool Handles(string? action) => action is "grant-user" or "grant-group" or "revoke-user" or "revoke-group";

    /// <summary>Does the action; the sentence telling what was done.</summary>
    public async Task<string> RunAsync(string? action, string? name, string? permission)
    {
        var who = name ?? "";
        switch (action)
        {
            case "grant-user":
                await grantUser(who, permission);
                return $"{who} now has {permission}.";
            case "grant-group":
                await grantGroup(who, permission);
                return $"Group {who} now has {permission}.";
            case "revoke-user":
                await revokeUser(who);
                return $"{who}'s grant is removed.";
            case "revoke-group":
                await revokeGroup(who);
                return $"Group {who}'s grant is removed.";
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Not a permissions form's action; ask Handles first.");
        }
    }
}
