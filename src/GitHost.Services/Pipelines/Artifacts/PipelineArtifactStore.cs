using System.Globalization;
using GitHost.Core.Failures;

namespace GitHost.Services.Pipelines.Artifacts;

/// <summary>
/// The files a step kept for the steps after it (its <c>artifacts</c>), one gzipped tar per step under
/// <c>{home}/shared/pipelines/artifacts/{pipeline}/{step}.tar.gz</c> (paths from ids only). The runner
/// packs and unpacks them; the server only stores the bytes, written aside and moved into place whole,
/// so a reader never sees half an archive.
/// </summary>
public sealed class PipelineArtifactStore(string root)
{
    private string DirectoryOf(long pipelineId) => Path.Combine(root, pipelineId.ToString(CultureInfo.InvariantCulture));

    private string PathOf(long pipelineId, long stepId) =>
        Path.Combine(DirectoryOf(pipelineId), stepId.ToString(CultureInfo.InvariantCulture) + ".tar.gz");

    /// <returns>The archive's size, or null when the step kept none.</returns>
    public long? SizeOf(long pipelineId, long stepId)
    {
        var file = new FileInfo(PathOf(pipelineId, stepId));
        return file.Exists ? file.Length : null;
    }

    /// <summary>Stores <paramref name="body"/> as the step's archive, replacing an earlier one; refuses it past <paramref name="maxBytes"/>, keeping nothing.</summary>
    public async Task<long> SaveAsync(long pipelineId, long stepId, Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        var path = PathOf(pipelineId, stepId);
        Directory.CreateDirectory(DirectoryOf(pipelineId));
        var partial = path + "." + Guid.NewGuid().ToString("N") + ".part";
        try
        {
            long size = 0;
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw TooLarge(maxBytes);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            File.Move(partial, path, overwrite: true);
            return size;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>The refusal of an archive past the limit, whether its declared length or its streamed bytes went over.</summary>
    public static GitHostException TooLarge(long maxBytes) =>
        new(FailureKind.TooLarge, $"A step's artifacts may be at most {maxBytes} bytes (GitHost:Pipelines:MaxArtifactBytesPerStep).");

    public Stream? OpenRead(long pipelineId, long stepId)
    {
        var path = PathOf(pipelineId, stepId);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous) : null;
    }

    public void Delete(long pipelineId, long stepId)
    {
        var path = PathOf(pipelineId, stepId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public void DeletePipeline(long pipelineId)
    {
        var directory = DirectoryOf(pipelineId);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
