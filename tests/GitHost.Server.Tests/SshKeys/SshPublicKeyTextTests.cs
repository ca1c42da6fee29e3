using GitHost.Core.Ssh;
using Xunit;

namespace GitHost.Server.Tests.SshKeys;

public sealed class SshPublicKeyTextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ed25519", null, "ssh-ed25519", "ED25519")]
    [InlineData("ecdsa", 256, "ecdsa-sha2-nistp256", "ECDSA")]
    [InlineData("ecdsa", 384, "ecdsa-sha2-nistp384", "ECDSA")]
    [InlineData("ecdsa", 521, "ecdsa-sha2-nistp521", "ECDSA")]
    [InlineData("rsa", 2048, "ssh-rsa", "RSA")]
    [InlineData("rsa", 4096, "ssh-rsa", "RSA")]
    public async Task Keys_made_by_ssh_keygen_parse_with_its_fingerprint_and_size(string type, int? bits, string algorithm, string algorithmType)
    {
        var generated = await SshKeyGen.GenerateAsync(type, bits, Ct);

        Assert.True(SshPublicKeyText.TryParse(generated.PublicLine, out var key, out var error), error);
        Assert.Equal(algorithm, key.Algorithm);
        Assert.Equal(algorithmType, key.AlgorithmType);
        Assert.Equal(generated.Fingerprint, key.Fingerprint);
        Assert.Equal(generated.Fingerprint, SshFingerprint.Sha256(key.Blob));
        Assert.Equal(generated.Bits, key.BitLength);
        Assert.Equal("tester@example", key.Comment);
    }

    [Fact]
    public async Task Blob_alone_is_read_as_the_ssh_server_receives_it()
    {
        var generated = await SshKeyGen.GenerateAsync("ed25519", null, Ct);
        var blob = Convert.FromBase64String(generated.PublicLine.Split(' ')[1]);

        Assert.True(SshPublicKeyText.TryReadBlob(blob, out var key, out _));
        Assert.Equal(generated.Fingerprint, key.Fingerprint);
        Assert.Null(key.Comment);
    }

    [Fact]
    public async Task Rsa_1024_is_refused_with_the_size_it_has()
    {
        var generated = await SshKeyGen.GenerateAsync("rsa", 1024, Ct);

        Assert.False(SshPublicKeyText.TryParse(generated.PublicLine, out _, out var error));
        Assert.Contains("1024", error);
        Assert.Contains("2048", error);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public async Task Pasted_private_key_is_refused_as_a_private_key(string type)
    {
        var generated = await SshKeyGen.GenerateAsync(type, null, Ct);

        Assert.False(SshPublicKeyText.TryParse(generated.PrivateText, out _, out var error));
        Assert.Contains("private key", error);
    }

    [Fact]
    public async Task Truncated_base64_is_refused()
    {
        var parts = (await SshKeyGen.GenerateAsync("ed25519", null, Ct)).PublicLine.Split(' ');

        Assert.False(SshPublicKeyText.TryParse($"{parts[0]} {parts[1][..^8]}", out _, out var cut));
        Assert.False(SshPublicKeyText.TryParse($"{parts[0]} {parts[1][..40]}", out _, out var cutAligned));
        Assert.NotNull(cut);
        Assert.NotNull(cutAligned);
    }

    [Fact]
    public async Task Outer_algorithm_that_disagrees_with_the_blob_is_refused()
    {
        var parts = (await SshKeyGen.GenerateAsync("ed25519", null, Ct)).PublicLine.Split(' ');

        Assert.False(SshPublicKeyText.TryParse($"ssh-rsa {parts[1]}", out _, out var error));
        Assert.Contains("ssh-ed25519", error);
    }

    [Fact]
    public async Task Trailing_bytes_after_the_key_fields_are_refused()
    {
        var parts = (await SshKeyGen.GenerateAsync("ed25519", null, Ct)).PublicLine.Split(' ');
        var blob = Convert.FromBase64String(parts[1]).Concat(new byte[] { 0, 0, 0, 1, 65 }).ToArray();

        Assert.False(SshPublicKeyText.TryParse($"{parts[0]} {Convert.ToBase64String(blob)}", out _, out _));
    }

    [Fact]
    public async Task Huge_text_is_refused_before_decoding()
    {
        var parts = (await SshKeyGen.GenerateAsync("ed25519", null, Ct)).PublicLine.Split(' ');

        Assert.False(SshPublicKeyText.TryParse($"{parts[0]} {parts[1]} {new string('x', 20_000)}", out _, out var error));
        Assert.Contains("16384", error);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\u0000")]
    [InlineData("\u001b[31m")]
    public async Task Control_characters_inside_the_line_are_refused(string control)
    {
        var parts = (await SshKeyGen.GenerateAsync("ed25519", null, Ct)).PublicLine.Split(' ');

        Assert.False(SshPublicKeyText.TryParse($"{parts[0]} {parts[1]} evil{control}comment", out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ssh-ed25519")]
    [InlineData("ssh-dss AAAAB3NzaC1kc3MAAACBAP")]
    [InlineData("ssh-ed25519 !!!notbase64!!!")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA==")]
    [InlineData("---- BEGIN SSH2 PUBLIC KEY ----")]
    public void Malformed_text_is_refused_with_a_message(string text)
    {
        Assert.False(SshPublicKeyText.TryParse(text, out var key, out var error));
        Assert.Null(key);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
