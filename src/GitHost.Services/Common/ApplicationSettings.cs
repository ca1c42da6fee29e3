using GitHost.Data;
using GitHost.Data.Settings;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Common;

/// <summary>Settings an administrator changes at run time, kept as text by key (rate limits today).</summary>
public sealed class ApplicationSettings(GitHostDbContext db)
{
    /// <summary>The row named <paramref name="key"/> and every row whose key starts with <paramref name="keyPrefix"/>.</summary>
    public Task<List<ApplicationSettingEntity>> ReadAsync(string key, string keyPrefix, CancellationToken cancellationToken) =>
        db.ApplicationSettings.AsNoTracking().Where(s => s.Key == key || s.Key.StartsWith(keyPrefix)).ToListAsync(cancellationToken);

    /// <summary>Sets the value of <paramref name="key"/>; null removes it.</summary>
    public async Task WriteAsync(string key, string? value, CancellationToken cancellationToken)
    {
        var row = await db.ApplicationSettings.FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (value is null)
        {
            if (row is not null)
            {
                db.ApplicationSettings.Remove(row);
            }
        }
        else if (row is null)
        {
            db.ApplicationSettings.Add(new ApplicationSettingEntity { Key = key, Value = value });
        }
        else
        {
            row.Value = value;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
