using GitHost.Server.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Rest;

/// <summary>
/// Mounts a REST module under both of its version segments: Bitbucket serves <c>1.0</c> and
/// <c>latest</c> as aliases and clients use either.
/// </summary>
internal static class RestApi
{
    public static void MapModule(this IEndpointRouteBuilder app, string module, string version, Action<RouteGroupBuilder> map)
    {
        foreach (var segment in new[] { version, "latest" })
        {
            var group = app.MapGroup($"/rest/{module}/{segment}");
            group.WithMetadata(new RequestSizeLimitAttribute(app.ServiceProvider.GetRequiredService<IOptions<ServerOptions>>().Value.MaxRestBodyBytes));
            group.WithTags(module);
            map(group);
        }
    }
}
