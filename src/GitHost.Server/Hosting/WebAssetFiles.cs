namespace GitHost.Server.Hosting;

/// <summary>
/// Where the web UI's files (styles, the framework script) are read from. A published server has
/// them in its wwwroot; a built one (<c>dotnet run</c>, the tests) has a manifest pointing into the
/// build folders, which ASP.NET Core reads only in Development unless told so, as here.
/// </summary>
internal static class WebAssetFiles
{
    private const string RuntimeManifest = "GitHost.Server.staticwebassets.runtime.json";

    public static void UseBuildOutputAssets(this WebApplicationBuilder builder)
    {
        var manifest = Path.Combine(Path.GetDirectoryName(typeof(WebAssetFiles).Assembly.Location) ?? AppContext.BaseDirectory, RuntimeManifest);
        if (File.Exists(manifest))
        {
            builder.WebHost.UseSetting(WebHostDefaults.StaticWebAssetsKey, manifest);
            builder.WebHost.UseStaticWebAssets();
        }
    }
}
