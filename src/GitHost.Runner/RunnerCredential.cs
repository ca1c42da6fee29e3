using System.Text.Json;
using GitHost.Pipelines.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Runner;

/// <summary>
/// The runner's secret, kept in <c>{work}/runner.json</c> (readable by its user only) after the first
/// registration, so restarts need no new token.
/// </summary>
public sealed partial class RunnerCredential(RunnerClient client, IOptions<RunnerOptions> options, ILogger<RunnerCredential> logger)
{
    private string File => Path.Combine(options.Value.Work, "runner.json");

    public async Task<string> SecretAsync(CancellationToken cancellationToken)
    {
        if (System.IO.File.Exists(File))
        {
            var saved = JsonSerializer.Deserialize<SavedCredential>(await System.IO.File.ReadAllTextAsync(File, cancellationToken));
            if (saved?.Secret is { Length: > 0 } secret)
            {
                return secret;
            }
        }

        var token = options.Value.Token;
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new RunnerRefusedException($"{File} holds no credential and no --token was given: create the runner on the server and pass its token.");
        }

        var registered = await client.RegisterAsync(token, new RunnerRegistration(Environment.MachineName, typeof(RunnerCredential).Assembly.GetName().Version?.ToString(), options.Value.Capacity), cancellationToken);
        Directory.CreateDirectory(options.Value.Work);
        var json = JsonSerializer.Serialize(new SavedCredential(registered.Uuid, registered.Name, registered.Secret));
        await System.IO.File.WriteAllTextAsync(File, json, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(File, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Log.Registered(logger, registered.Name, registered.Uuid, string.Join(", ", registered.Labels));
        return registered.Secret;
    }

    private sealed record SavedCredential(string Uuid, string Name, string Secret);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Registered as runner {Name} {Uuid} with labels {Labels}")]
        public static partial void Registered(ILogger logger, string name, string uuid, string labels);
    }
}
