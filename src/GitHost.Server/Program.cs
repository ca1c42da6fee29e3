using GitHost.Server.Hosting;

// Settings files ship next to the binary; the data home (./data by default) is relative to where the server is started.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddGitHost();

var app = builder.Build();
app.UseGitHost();

if (args.Contains("migrate"))
{
    await app.MigrateDatabaseAsync(app.Lifetime.ApplicationStopping);
    return;
}

if (PasswordResetCommand.IsRequested(args))
{
    Environment.ExitCode = await PasswordResetCommand.RunAsync(app, args, app.Lifetime.ApplicationStopping);
    return;
}

await app.PrepareAsync(app.Lifetime.ApplicationStopping);
await app.RunAsync();

public partial class Program;
