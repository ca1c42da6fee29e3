using System.Text;

namespace GitHost.Services.Content.Files;

/// <summary>Splits git's <c>-z</c> output into NUL-terminated records, decoded as UTF-8.</summary>
internal static class NulRecords
{
    public static async IAsyncEnumerable<string> ReadAsync(Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var record = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == 0)
                {
                    record.Write(buffer, start, i - start);
                    yield return Encoding.UTF8.GetString(record.GetBuffer(), 0, (int)record.Length);
                    record.SetLength(0);
                    start = i + 1;
                }
            }

            record.Write(buffer, start, read - start);
        }

        if (record.Length > 0)
        {
            yield return Encoding.UTF8.GetString(record.GetBuffer(), 0, (int)record.Length);
        }
    }
}
