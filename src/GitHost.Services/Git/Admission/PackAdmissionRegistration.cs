using Microsoft.Extensions.DependencyInjection;

namespace GitHost.Services.Git.Admission;

/// <summary>The node's pack generation gate, shared by the HTTP and SSH doors.</summary>
internal static class PackAdmissionRegistration
{
    public static IServiceCollection AddPackAdmission(this IServiceCollection services)
    {
        services.AddOptions<PackAdmissionOptions>().BindConfiguration(PackAdmissionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PackGenerationGate>();
        return services;
    }
}
