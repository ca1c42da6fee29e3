using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Audit;
using GitHost.Server.Tests.Users;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.Audit;

/// <summary>Servers whose audit files roll over at the smallest size allowed, so a few records fill several.</summary>
public sealed class SmallAuditFileServers() : ServerPerProvider(new Dictionary<string, string?> { ["GitHost:Audit:MaxFileBytes"] = "1024" });

/// <summary>A day's JSON lines file rolls over at its size limit without losing, repeating or reordering a line; old files go after their retention.</summary>
public sealed class AuditFileRolloverTests(SmallAuditFileServers servers) : IClassFixture<SmallAuditFileServers>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_file_continues_in_the_next_and_together_they_hold_every_record_once_in_order()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        for (var i = 0; i < 12; i++)
        {
            await admin.CreateGroupAsync("rolled-" + i, Ct);
        }

        var table = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(Ct));
        var writer = server.Services.GetRequiredService<AuditFileWriter>();
        await writer.WaitForAsync(table[^1], Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var stem = "audit-" + DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var files = Enumerable.Range(0, 100)
            .Select(index => Path.Combine(writer.Folder, index == 0 ? stem + ".jsonl" : $"{stem}.{index}.jsonl"))
            .TakeWhile(File.Exists).ToList();
        Assert.True(files.Count >= 3, $"expected the day's records in several files, found {files.Count}");
        foreach (var full in files[..^1])
        {
            // Written until it reached the limit, and not a line longer.
            var bytes = new FileInfo(full).Length;
            var lastLine = File.ReadAllLines(full)[^1];
            Assert.True(bytes >= 1024, $"{Path.GetFileName(full)} rolled over at {bytes} bytes");
            Assert.True(bytes - System.Text.Encoding.UTF8.GetByteCount(lastLine) - 1 < 1024, $"{Path.GetFileName(full)} went on past its limit");
        }

        var ids = files.SelectMany(File.ReadAllLines).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(table, ids);
    }

    [Fact]
    public async Task Files_older_than_their_retention_are_deleted_and_current_ones_kept()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        await admin.CreateGroupAsync("retained", Ct);
        var last = await server.WithDatabaseAsync(db => db.AuditEvents.MaxAsync(e => e.Id, Ct));
        var writer = server.Services.GetRequiredService<AuditFileWriter>();
        await writer.WaitForAsync(last, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var old = Path.Combine(writer.Folder, "audit-20200101.jsonl");
        await File.WriteAllTextAsync(old, "{\"id\":0}\n", Ct);
        File.SetLastWriteTimeUtc(old, new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        var unrelated = Path.Combine(writer.Folder, "notes-20200101.txt");
        await File.WriteAllTextAsync(unrelated, "kept", Ct);
        File.SetLastWriteTimeUtc(unrelated, new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        var current = Directory.GetFiles(writer.Folder, "audit-*.jsonl").Where(f => f != old).ToList();

        await server.Services.GetRequiredService<AuditRetention>().PurgeAsync(Ct);

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(unrelated));
        Assert.NotEmpty(current);
        Assert.All(current, f => Assert.True(File.Exists(f), f + " was deleted"));
    }
}
