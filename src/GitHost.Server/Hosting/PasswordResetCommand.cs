using GitHost.Core.Failures;
using GitHost.Data;
using GitHost.Services.Users;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Hosting;

/// <summary>
/// <c>GitHost.Server reset-password [user]</c>: sets the password of a user (default: the first
/// administrator's name) to <c>GITHOST_ADMIN_PASSWORD</c>, or to a generated one printed once, enables
/// the user and lifts any sign-in lock, then exits. It works on the database the server is configured
/// with, so only someone who can run the server can use it.
/// </summary>
internal static class PasswordResetCommand
{
    public const string Name = "reset-password";

    public static bool IsRequested(string[] args) => args.Contains(Name);

    public static async Task<int> RunAsync(WebApplication app, string[] args, CancellationToken cancellationToken)
    {
        var index = Array.IndexOf(args, Name);
        var userName = index + 1 < args.Length && !args[index + 1].StartsWith('-')
            ? args[index + 1]
            : app.Services.GetRequiredService<IOptions<AdminOptions>>().Value.UserName;
        if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
        {
            await app.MigrateDatabaseAsync(cancellationToken);
        }

        var given = Environment.GetEnvironmentVariable("GITHOST_ADMIN_PASSWORD");
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var password = await scope.ServiceProvider.GetRequiredService<PasswordRecovery>().ResetAsync(userName, given, cancellationToken);
            await Console.Out.WriteLineAsync(string.IsNullOrEmpty(given)
                ? $"The password of '{userName}' is now: {password}  (shown once; change it after signing in)"
                : $"The password of '{userName}' is now the one in GITHOST_ADMIN_PASSWORD.");
            return 0;
        }
        catch (GitHostException failure)
        {
            await Console.Error.WriteLineAsync($"Could not reset the password of '{userName}': {failure.Message}");
            return 1;
        }
    }
}
