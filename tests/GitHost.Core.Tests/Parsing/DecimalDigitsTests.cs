using GitHost.Core.Parsing;
using Xunit;

namespace GitHost.Core.Tests.Parsing;

public sealed class DecimalDigitsTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Digits_are_a_number(string text, long expected)
    {
        Assert.True(DecimalDigits.TryParse(text, out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1\0")]
    [InlineData("1\0\0")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1e3")]
    [InlineData("٣")]
    [InlineData("9223372036854775808")]
    public void Anything_else_is_not(string? text)
    {
        Assert.False(DecimalDigits.TryParse(text, out long _));
        Assert.False(DecimalDigits.TryParse(text, out int _));
    }

    [Fact]
    public void An_int_stops_at_its_range() => Assert.False(DecimalDigits.TryParse("2147483648", out int _));
}
