using GitHost.Pipelines.Protocol;

namespace GitHost.Runner.Artifacts;

/// <summary>
/// A step's artifacts in and out: the earlier steps' archives unpacked into the clone before the script,
/// and the files its <c>artifacts</c> globs match packed and kept on the server after it. Each says in
/// the step's log what it did; a failure is the runner's (the step ends in ERROR), not the script's.
/// </summary>
public sealed class StepArtifactTransfer(RunnerClient client)
{
    /// <returns>Null when done, else why the step cannot go on.</returns>
    public async Task<string?> FetchAsync(string secret, RunnerJob job, string build, LogUploader log, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var artifact in await client.ListArtifactsAsync(secret, job.StepUuid, cancellationToken))
            {
                using var response = await client.DownloadArtifactAsync(secret, job.StepUuid, artifact.StepUuid, cancellationToken);
                await using var archive = await response.Content.ReadAsStreamAsync(cancellationToken);
                var (files, skipped) = await ArtifactUnpacker.UnpackAsync(archive, build, cancellationToken);
                log.WriteLine($"Artifacts of \"{artifact.StepName}\": {files} file(s) unpacked ({Kib(artifact.Size)} KiB).");
                foreach (var entry in skipped)
                {
                    log.WriteLine($"  skipped {entry}");
                }
            }

            return null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException)
        {
            return $"The artifacts of earlier steps could not be unpacked: {e.Message}";
        }
    }

    /// <returns>Null when done (or nothing matched), else why the artifacts were not kept.</returns>
    public async Task<string?> KeepAsync(string secret, RunnerJob job, string directory, string build, LogUploader log, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, "artifacts.tar.gz");
        try
        {
            int files;
            long bytes;
            await using (var file = File.Create(path))
            {
                (files, bytes) = await ArtifactPacker.PackAsync(build, job.Artifacts, file, cancellationToken);
            }

            var globs = string.Join(", ", job.Artifacts);
            if (files == 0)
            {
                log.WriteLine($"Artifacts: no file matches {globs}.");
                return null;
            }

            await using var archive = File.OpenRead(path);
            var kept = await client.UploadArtifactsAsync(secret, job.StepUuid, archive, cancellationToken);
            log.WriteLine($"Artifacts: {files} file(s) matching {globs} kept ({Kib(bytes)} KiB, {Kib(kept)} KiB compressed).");
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException)
        {
            return $"The artifacts could not be kept: {e.Message}";
        }
    }

    private static long Kib(long bytes) => (bytes + 1023) / 1024;
}
