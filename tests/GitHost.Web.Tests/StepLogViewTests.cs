using System.Text;
using GitHost.Web.Pipelines;
using Xunit;

namespace GitHost.Web.Tests;

/// <summary>A step's log read on as it grows: only new bytes, characters split between reads, a log that starts over, a long one cut at a line.</summary>
public sealed class StepLogViewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_character_split_between_two_reads_is_shown_once_whole()
    {
        var view = new StepLogView();
        using var log = new MemoryStream();
        var bytes = Encoding.UTF8.GetBytes("caf\u00e9 \u2713\n");
        log.Write(bytes, 0, 4);

        Assert.True(await view.ReadAsync(log, Ct));
        Assert.Equal("caf", view.Text);
        log.Write(bytes, 4, bytes.Length - 4);
        Assert.True(await view.ReadAsync(log, Ct));
        Assert.False(await view.ReadAsync(log, Ct));

        Assert.Equal("caf\u00e9 \u2713\n", view.Text);
        Assert.Equal(bytes.Length, view.Offset);
        Assert.False(view.Truncated);
    }

    [Fact]
    public async Task A_log_that_shrank_was_run_again_and_is_read_from_its_start()
    {
        var view = new StepLogView();
        await view.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("first run, a long line\n")), Ct);

        Assert.True(await view.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("second\n")), Ct));
        Assert.Equal("second\n", view.Text);
        Assert.True(await view.ReadAsync(null, Ct));
        Assert.Equal("", view.Text);
        Assert.Equal(0, view.Offset);
    }

    [Fact]
    public async Task A_log_longer_than_the_page_holds_is_shown_from_a_whole_line_near_its_end()
    {
        var view = new StepLogView();
        var lines = string.Concat(Enumerable.Range(0, 40_000).Select(i => $"line {i:D6} of the build\n"));

        await view.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(lines)), Ct);

        Assert.True(view.Truncated);
        Assert.True(view.Text.Length <= StepLogView.MaxBytes);
        Assert.StartsWith("line ", view.Text);
        Assert.EndsWith("line 039999 of the build\n", view.Text);
        Assert.Equal(Encoding.UTF8.GetByteCount(lines), view.Offset);
    }

    [Fact]
    public async Task A_log_that_grows_past_what_the_page_holds_drops_its_oldest_whole_lines()
    {
        var view = new StepLogView();
        using var log = new MemoryStream();
        for (var part = 0; part < 3; part++)
        {
            var text = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"part {part} line {i:D5} of the build\n"));
            log.Write(Encoding.UTF8.GetBytes(text));
            await view.ReadAsync(log, Ct);
        }

        Assert.True(view.Truncated);
        Assert.True(view.Text.Length <= StepLogView.MaxBytes);
        Assert.StartsWith("part ", view.Text);
        Assert.EndsWith("part 2 line 04999 of the build\n", view.Text);
    }
}
