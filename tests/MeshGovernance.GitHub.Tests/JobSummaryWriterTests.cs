using System.Text;

namespace MeshGovernance.GitHub.Tests;

public sealed class JobSummaryWriterTests : IDisposable
{
    private readonly string path = Path.GetTempFileName();

    public void Dispose() => File.Delete(path);

    [Fact]
    public void MarkdownIsAppendedAfterWhatIsThere()
    {
        File.WriteAllText(path, "# Earlier step\n");

        var result = JobSummaryWriter.Append(path, "## meshgov\n");

        Assert.True(result.Written);
        Assert.False(result.Truncated);
        Assert.Equal("# Earlier step\n## meshgov\n\n", File.ReadAllText(path));
    }

    [Fact]
    public void ALargeReportIsCutToStayUnderOneMebibyte()
    {
        File.WriteAllText(path, new string('#', 100_000) + "\n");
        var markdown = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"| {i} | ünïcödé — {new string('z', 60)} |"));

        var result = JobSummaryWriter.Append(path, markdown, "the job log");

        Assert.True(result.Written);
        Assert.True(result.Truncated);
        var size = new FileInfo(path).Length;
        Assert.InRange(size, JobSummaryWriter.MaxBytes - 1000, JobSummaryWriter.MaxBytes);
        var text = File.ReadAllText(path, Encoding.UTF8);
        Assert.Contains("**The job summary is cut here (", text);
        Assert.EndsWith("The full report is in the job log.**\n\n", text);
        Assert.NotNull(result.Warning);
    }

    [Fact]
    public void AFullSummaryIsLeftAlone()
    {
        File.WriteAllText(path, new string('#', JobSummaryWriter.MaxBytes - 100));

        var result = JobSummaryWriter.Append(path, "## meshgov\n");

        Assert.False(result.Written);
        Assert.Equal(JobSummaryWriter.MaxBytes - 100, new FileInfo(path).Length);
        Assert.Contains("1 MiB", result.Warning);
    }

    [Fact]
    public void FitKeepsOpenDetailsClosed()
    {
        var markdown = "intro\n<details>\n<summary>x</summary>\n\n" + string.Join('\n', Enumerable.Repeat("| row |", 1000)) + "\n</details>\n";

        var (text, truncated) = JobSummaryWriter.Fit(markdown, 2000);

        Assert.True(truncated);
        Assert.True(Encoding.UTF8.GetByteCount(text) <= 2000);
        Assert.Contains("\n</details>\n", text);
    }
}
