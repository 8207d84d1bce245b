using System.Text;

namespace MeshGovernance.GitHub;

/// <summary>
/// Appends Markdown to the step's job summary (GITHUB_STEP_SUMMARY), keeping the file under GitHub's 1 MiB
/// per step: what does not fit is cut on a line boundary, with a note saying so. GitHub drops a larger
/// summary whole.
/// </summary>
public static class JobSummaryWriter
{
    public const int MaxBytes = TextLimits.JobSummaryBytes;

    /// <summary>A note needs room; with less than this left, nothing is appended.</summary>
    private const int MinimumRoom = 512;

    /// <param name="fullReportPointer">Where the complete report can be found when the summary must be cut.</param>
    public static JobSummaryResult Append(string path, string markdown, string? fullReportPointer = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            var already = File.Exists(path) ? new FileInfo(path).Length : 0;
            var room = MaxBytes - already - 1;
            if (room < MinimumRoom)
            {
                return new JobSummaryResult(false, true, 0, $"The job summary already holds {already} bytes, too close to GitHub's 1 MiB limit; the report was not added to it.");
            }

            var (text, truncated) = Fit(markdown, (int)room, fullReportPointer);
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text + "\n");
            using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                file.Write(bytes);
            }

            return new JobSummaryResult(true, truncated, bytes.Length, truncated ? "The job summary was cut to stay under GitHub's 1 MiB limit." : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new JobSummaryResult(false, false, 0, $"The job summary '{path}' could not be written: {e.Message}");
        }
    }

    /// <summary><paramref name="markdown"/> cut on a line boundary to at most <paramref name="maxBytes"/> UTF-8 bytes, with a note when cut.</summary>
    public static (string Text, bool Truncated) Fit(string markdown, int maxBytes, string? fullReportPointer = null) =>
        TextLimits.FitOnLines(markdown, maxBytes, TextLimits.Utf8Bytes, lines =>
            $"\n**The job summary is cut here ({lines} more lines): GitHub takes at most 1 MiB per step." +
            (fullReportPointer is null ? " Run `meshgov check` for the full report.**\n" : $" The full report is in {fullReportPointer}.**\n"));
}
