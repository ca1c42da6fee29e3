namespace GitHost.Data.Settings;

/// <summary>A server-wide setting changed at run time through the admin REST API.</summary>
public sealed class ApplicationSettingEntity
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}
