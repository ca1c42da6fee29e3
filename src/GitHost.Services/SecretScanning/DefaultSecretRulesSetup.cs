using GitHost.Data;
using GitHost.Data.SecretScanning;
using GitHost.Data.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// Creates the default global rules once per installation. A setting row marks it done (inserted in
/// the same transaction as the rules), so rules an administrator deleted stay deleted, and of two
/// nodes starting together one wins and the other's insert of the same key fails harmlessly.
/// </summary>
public sealed partial class DefaultSecretRulesSetup(
    IServiceScopeFactory scopes, IOptions<SecretScanningOptions> options, ILogger<DefaultSecretRulesSetup> logger) : IHostedService
{
    public const string SettingKey = "secret-scanning.default-rules";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateDefaultRules)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GitHostDbContext>();
        if (await db.ApplicationSettings.AnyAsync(s => s.Key == SettingKey, cancellationToken))
        {
            return;
        }

        db.ApplicationSettings.Add(new ApplicationSettingEntity { Key = SettingKey, Value = "created" });
        db.SecretScanningRules.AddRange(DefaultSecretRules.All.Select(r => new SecretScanningRuleEntity
        {
            ScopeType = SecretScanningScope.Global,
            Name = r.Name,
            LineRegex = r.LineRegex,
            Action = r.Action,
            MinEntropy = r.MinEntropy,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            Log.Created(logger, DefaultSecretRules.All.Count);
        }
        catch (DbUpdateException)
        {
            if (!await OtherNodeCreatedAsync(scopes, cancellationToken))
            {
                throw;
            }

            // Another node created them first.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<bool> OtherNodeCreatedAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GitHostDbContext>();
        return await db.ApplicationSettings.AnyAsync(s => s.Key == SettingKey, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6220, Level = LogLevel.Information, Message = "Created {Count} default secret scanning rules")]
        public static partial void Created(ILogger logger, int count);
    }
}
