using GitHost.Runner;
using GitHost.Runner.Artifacts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--server"] = "Runner:Server",
    ["--token"] = "Runner:Token",
    ["--work"] = "Runner:Work",
    ["--capacity"] = "Runner:Capacity",
});
builder.Services.AddOptions<RunnerOptions>().Bind(builder.Configuration.GetSection(RunnerOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
// RunnerClient gives each call its own time limit: a minute, or longer for an artifact's transfer.
builder.Services.AddHttpClient<RunnerClient>(client => client.Timeout = Timeout.InfiniteTimeSpan);
builder.Services.AddSingleton<StepArtifactTransfer>();
builder.Services.AddSingleton<RunnerCredential>();
builder.Services.AddSingleton<StepExecutor>();
builder.Services.AddHostedService<RunnerLoop>();
// Running steps finish (or are stopped) before the process exits.
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(10));
await builder.Build().RunAsync();
