using GitHost.Runner;
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
builder.Services.AddHttpClient<RunnerClient>(client => client.Timeout = TimeSpan.FromSeconds(60));
builder.Services.AddSingleton<RunnerCredential>();
builder.Services.AddSingleton<StepExecutor>();
builder.Services.AddHostedService<RunnerLoop>();
// Running steps finish (or are stopped) before the process exits.
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(10));
await builder.Build().RunAsync();
