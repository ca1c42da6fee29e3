using System.Text.Json;

namespace GitHost.Server.Audit;

/// <summary>
/// Where the JSON lines file stands: the id of the last record written, the file it went to and
/// that file's length after it. Saved (atomically, by rename) after every flushed batch, so after a
/// crash the writer knows exactly which lines are whole and which id to continue after.
/// </summary>
internal sealed record AuditFilePosition(long LastId, string? File, long Length)
{
    private const string FileName = "position.json";

    public static AuditFilePosition Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!System.IO.File.Exists(path))
        {
            return new AuditFilePosition(0, null, 0);
        }

        try
        {
            return JsonSerializer.Deserialize<AuditFilePosition>(System.IO.File.ReadAllText(path)) ?? new AuditFilePosition(0, null, 0);
        }
        catch (JsonException)
        {
            // A torn position file is rebuilt from the files themselves (Recover).
            return new AuditFilePosition(0, null, 0);
        }
    }

    public void Save(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        System.IO.File.WriteAllText(temporary, JsonSerializer.Serialize(this));
        System.IO.File.Move(temporary, path, overwrite: true);
    }
}
