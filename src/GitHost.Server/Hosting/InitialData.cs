using System.Security.Cryptography;
using GitHost.Core.Permissions;
using GitHost.Data;
using GitHost.Data.Permissions;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.Workspaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Hosting;

/// <summary>Creates what a fresh installation needs: the default workspace and the first administrator.</summary>
internal sealed partial class InitialData(
    GitHostDbContext db,
    UserManager<UserEntity> users,
    EpochClock clock,
    IOptions<AdminOptions> adminOptions,
    ILogger<InitialData> logger)
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!await db.Workspaces.AnyAsync(w => w.IsDefault, cancellationToken))
        {
            db.Workspaces.Add(DefaultWorkspace.Create(clock.NowMs()));
            await db.SaveChangesAsync(cancellationToken);
        }

        var options = adminOptions.Value;
        var configured = Environment.GetEnvironmentVariable("GITHOST_ADMIN_PASSWORD") is { Length: > 0 } fromEnvironment ? fromEnvironment : options.Password;
        if (await db.Users.AnyAsync(cancellationToken))
        {
            if (!string.IsNullOrEmpty(configured))
            {
                // Setting the variable on an existing data home looks like it should change the password; say loudly that it does not.
                Log.AdminPasswordIgnored(logger, options.UserName);
            }

            return;
        }

        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var admin = new UserEntity
        {
            UserName = options.UserName,
            Slug = options.UserName.ToLowerInvariant(),
            DisplayName = "Administrator",
            Email = options.Email,
            EmailConfirmed = true,
            LockoutEnabled = true,
            CreatedDate = clock.NowMs(),
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the first administrator: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        db.GlobalUserPermissions.Add(new GlobalUserPermissionEntity { UserId = admin.Id, Permission = Permission.SysAdmin });
        await db.SaveChangesAsync(cancellationToken);
        if (string.IsNullOrEmpty(configured))
        {
            Log.AdminCreatedWithGeneratedPassword(logger, admin.UserName!, password);
        }
        else
        {
            Log.AdminCreated(logger, admin.UserName!);
        }
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');

    private static partial class Log
    {
        // The one place a secret is ever logged: the generated first password, shown once so the
        // administrator can sign in. Set GITHOST_ADMIN_PASSWORD to avoid it.
        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
            Message = "Created the first administrator '{UserName}' with the generated password: {Password}  (shown once; change it after signing in)")]
        public static partial void AdminCreatedWithGeneratedPassword(ILogger logger, string userName, string password);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Created the first administrator '{UserName}' with the password from GITHOST_ADMIN_PASSWORD")]
        public static partial void AdminCreated(ILogger logger, string userName);

        [LoggerMessage(EventId = 1107, Level = LogLevel.Warning,
            Message = "GITHOST_ADMIN_PASSWORD (or GitHost:Admin:Password) is set but IGNORED: this data home already has users, and the first administrator's password is only set when they are created. " +
                "To set the password of '{UserName}' now, stop the server and run it once with the argument 'reset-password' (e.g. dotnet run --project src/GitHost.Server -- reset-password), which uses GITHOST_ADMIN_PASSWORD or prints a generated password.")]
        public static partial void AdminPasswordIgnored(ILogger logger, string userName);
    }
}
