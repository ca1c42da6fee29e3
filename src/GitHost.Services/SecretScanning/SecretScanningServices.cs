using GitHost.Services.Git;
using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.SecretScanning;

/// <summary>Secret scanning: its rules, exemptions, the push check and the default rules.</summary>
public static class SecretScanningServices
{
    public static IServiceCollection AddSecretScanningServices(this IServiceCollection services)
    {
        services.AddOptions<SecretScanningOptions>().BindConfiguration(SecretScanningOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SecretPatterns>();
        services.AddSingleton<SecretScanningMetrics>();
        services.AddScoped<SecretRuleScopes>();
        services.AddScoped<SecretScanningRules>();
        services.AddScoped<SecretScanningExemptions>();
        services.AddScoped<SecretDetectedRecorder>();
        services.AddScoped<IPushCheck, PushSecretScanner>();
        services.AddHostedService<DefaultSecretRulesSetup>();
        return services;
    }
}
