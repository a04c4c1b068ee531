using TrustMetrics.Cli.Output;

namespace TrustMetrics.Cli.Tests.Output;

/// <summary>
/// <see cref="OutputFile"/> replaces a file in one step: over an existing file the target ends with the new bytes and nothing else is left in the folder; a failed write leaves the old
/// file as it was. The reference is the file system itself (bytes read back, folder listed).
/// </summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("trustmetrics-outputfile-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ANewFileAndAReplacedOneHoldExactlyTheLastBytesWritten()
    {
        string target = Path.Combine(folder, "out.json");
        OutputFile.Write(target, stream => stream.Write(new byte[300_000]));
        Assert.Equal(300_000, new FileInfo(target).Length);

        OutputFile.Write(target, stream => stream.Write("new"u8));
        Assert.Equal("new"u8.ToArray(), File.ReadAllBytes(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(folder));

        OutputFile.WriteText(target, "third ✓");
        Assert.Equal("third ✓", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void AFailedWriteLeavesTheOldFileAndNoTemporary()
    {
        string target = Path.Combine(folder, "out.csv");
        OutputFile.WriteText(target, "old");
        Assert.Throws<InvalidOperationException>(() => OutputFile.Write(target, stream =>
        {
            stream.Write("partial"u8);
            throw new InvalidOperationException("failed while writing");
        }));
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(folder));
    }
}
