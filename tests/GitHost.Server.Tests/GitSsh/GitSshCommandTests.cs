using GitHost.Git.Transport;
using GitHost.Server.GitSsh;
using Xunit;

namespace GitHost.Server.Tests.GitSsh;

/// <summary>The SSH command line parser on its own: what git sends is accepted, everything else refused.</summary>
public sealed class GitSshCommandTests
{
    [Theory]
    [InlineData("git-upload-pack '/PROJ/repo.git'", GitService.UploadPack, "PROJ", "repo.git")]
    [InlineData("git-receive-pack 'proj/repo'", GitService.ReceivePack, "proj", "repo")]
    [InlineData("git-upload-archive '/proj/repo.git'", GitService.UploadArchive, "proj", "repo.git")]
    [InlineData("git upload-pack '~jdoe/dots.git'", GitService.UploadPack, "~jdoe", "dots.git")]
    [InlineData("git receive-pack '/~j.doe@corp/my_repo-1.git'", GitService.ReceivePack, "~j.doe@corp", "my_repo-1.git")]
    public void What_git_sends_is_parsed_into_service_key_and_repository(string line, GitService service, string key, string repository)
    {
        Assert.True(GitSshCommand.TryParse(line, out var command, out _));
        Assert.Equal(new GitSshCommand(service, key, repository), command);
    }

    [Theory]
    [InlineData("")]
    [InlineData("git-upload-pack")]
    [InlineData("git-upload-pack ''")]
    [InlineData("git-upload-pack '/'")]
    [InlineData("git-upload-pack '/PROJ/repo.git\0'")]
    [InlineData("git-upload-pack '/PROJ/repo.git'\n")]
    [InlineData("git-upload-pack  '/PROJ/repo.git'")]
    [InlineData("git-upload-pack \"/PROJ/repo.git\"")]
    [InlineData("git-upload-pack '/PROJ/repo.git' ")]
    [InlineData("git-upload-pack '/PROJ/repo.git' '/PROJ/other.git'")]
    [InlineData("git-upload-pack '/PROJ/a'\\''b'")]
    [InlineData("git-upload-pack '/PROJ/..'")]
    [InlineData("git-upload-pack '/../PROJ/repo'")]
    [InlineData("git-upload-pack '/PROJ/re..po'")]
    [InlineData("git-upload-pack '/PROJ/.hidden'")]
    [InlineData("git-upload-pack '/PROJ/-u'")]
    [InlineData("git-upload-pack '//PROJ/repo'")]
    [InlineData("git-upload-pack '/PROJ/repo/'")]
    [InlineData("git-upload-pack '/PROJ/repo;id'")]
    [InlineData("git-upload-pack '/PROJ/$(id)'")]
    [InlineData("git-upload-pack '/PROJ/`id`'")]
    [InlineData("git-upload-pack '/PROJ/repo!'")]
    [InlineData("git-upload-pack '/PR OJ/repo'")]
    [InlineData("git-upload-pack '/~/repo'")]
    [InlineData("GIT-UPLOAD-PACK '/PROJ/repo'")]
    [InlineData("git-upload-packs '/PROJ/repo'")]
    [InlineData("git-http-backend '/PROJ/repo'")]
    [InlineData("sh -c 'git-upload-pack /PROJ/repo'")]
    public void Anything_else_is_refused_with_one_line(string line)
    {
        Assert.False(GitSshCommand.TryParse(line, out var command, out var refusal));
        Assert.Null(command);
        Assert.DoesNotContain('\n', refusal);
        Assert.NotEmpty(refusal);
    }

    [Fact]
    public void Overlong_lines_are_refused_before_parsing()
    {
        Assert.False(GitSshCommand.TryParse($"git-upload-pack '/PROJ/{new string('a', 2000)}'", out _, out var refusal));
        Assert.Equal(GitSshCommand.Usage, refusal);
    }
}
