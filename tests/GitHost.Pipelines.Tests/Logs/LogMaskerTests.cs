using System.Text;
using GitHost.Pipelines.Logs;
using Xunit;

namespace GitHost.Pipelines.Tests.Logs;

/// <summary>F4: a secured variable never reaches the log, however the script prints it and however the output is cut into writes.</summary>
public sealed class LogMaskerTests
{
    private const string Secret = "hunter2-Sup3r/s3cret+value";

    [Fact]
    public void The_value_is_replaced_by_its_name()
    {
        var masker = new LogMasker([new MaskedSecret("API_KEY", Secret)]);

        var text = masker.Push($"token={Secret}\n") + masker.Flush();

        Assert.Equal("token=$API_KEY\n", text);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void A_value_split_across_writes_is_still_masked(int pieceLength)
    {
        var masker = new LogMasker([new MaskedSecret("API_KEY", Secret)]);
        var output = $"before {Secret} middle {Secret}{Secret} after";
        var masked = new StringBuilder();

        for (var i = 0; i < output.Length; i += pieceLength)
        {
            masked.Append(masker.Push(output.Substring(i, Math.Min(pieceLength, output.Length - i))));
        }

        masked.Append(masker.Flush());
        Assert.Equal("before $API_KEY middle $API_KEY$API_KEY after", masked.ToString());
    }

    [Fact]
    public void Encoded_forms_are_masked_too()
    {
        var masker = new LogMasker([new MaskedSecret("API_KEY", Secret)]);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret));
        var base64WithNewline = Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret + "\n"));
        var url = Uri.EscapeDataString(Secret);
        var base64Url = base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var text = masker.Push($"{base64}|{base64WithNewline}|{url}|{base64Url}") + masker.Flush();

        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain(base64.TrimEnd('='), text);
        Assert.DoesNotContain(base64WithNewline.TrimEnd('='), text);
        Assert.DoesNotContain(url, text);
        Assert.DoesNotContain(base64Url, text);
        Assert.Contains("$API_KEY", text);
    }

    [Fact]
    public void Only_a_possible_start_of_a_value_is_held_back_and_flush_releases_it()
    {
        var masker = new LogMasker([new MaskedSecret("API_KEY", Secret)]);

        var first = masker.Push("line one\nhunt");
        var second = masker.Push("ing season\n");

        Assert.Equal("line one\n", first);
        Assert.Equal("hunting season\n", second);
        Assert.Equal("", masker.Flush());
        Assert.Equal("tail hun", masker.Push("tail hun") + masker.Flush());
    }

    [Fact]
    public void The_longer_of_two_overlapping_values_wins_and_short_values_are_left_alone()
    {
        var masker = new LogMasker([new MaskedSecret("SHORT", "abc"), new MaskedSecret("PASS", "pass"), new MaskedSecret("PASSWORD", "password1")]);

        var text = masker.Push("abc password1 pass") + masker.Flush();

        Assert.Equal("abc $PASSWORD $PASS", text);
        Assert.True(new LogMasker([new MaskedSecret("X", "abc")]).IsEmpty);
    }

    [Fact]
    public void Ten_megabytes_in_small_writes_are_masked_without_growing_the_held_back_part()
    {
        var masker = new LogMasker([new MaskedSecret("API_KEY", Secret)]);
        var line = $"some output {Secret} more output\n";
        var count = 0;
        var total = 0L;

        for (var i = 0; i < 10 * 1024 * 1024 / line.Length; i++)
        {
            var piece = masker.Push(line);
            total += piece.Length;
            count += CountOf(piece, "$API_KEY");
            Assert.DoesNotContain(Secret, piece);
        }

        var lines = 10 * 1024 * 1024 / line.Length;
        Assert.Equal(lines, count);
        // Each line ends in a newline, which cannot start the value: nothing stays held back.
        Assert.Equal((long)lines * line.Replace(Secret, "$API_KEY", StringComparison.Ordinal).Length, total);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
