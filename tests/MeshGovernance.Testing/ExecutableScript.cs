using System.Diagnostics;

namespace MeshGovernance.Testing;

/// <summary>Writes a shell script that tests then execute (a fake git, a wrapper on PATH).</summary>
public static class ExecutableScript
{
    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> and makes it executable by its owner.
    /// </summary>
    /// <remarks>
    /// On Unix the file is written by a child <c>sh</c>, not by this process. A file this process held open for
    /// writing can be inherited by a process another test thread is forking at that moment; until that child
    /// execs, running the script fails with ETXTBSY ("Text file busy"), which failed CI once.
    /// </remarks>
    public static void Write(string path, string content)
    {
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, content);
            return;
        }

        var start = new ProcessStartInfo("sh") { RedirectStandardInput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("cat > \"$1\" && chmod 700 \"$1\"");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(path);
        using var writer = Process.Start(start) ?? throw new InvalidOperationException("Could not start sh.");
        writer.StandardInput.Write(content);
        writer.StandardInput.Close();
        var error = writer.StandardError.ReadToEnd();
        writer.WaitForExit();
        if (writer.ExitCode != 0)
        {
            throw new IOException($"Could not write the script {path}: {error}");
        }
    }
}
