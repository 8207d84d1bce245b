using System.Security.Cryptography;
using System.Text;

namespace MeshGovernance.Policies.Compilation;

/// <summary>
/// Compiled policies on disk, keyed by everything the assembly depends on: the policy's text and the files it
/// loads, this engine and model build, and the runtime's version. A hit loads the assembly and never starts Roslyn.
/// The folder must be outside the repository under check: a pull request must not be able to plant a
/// compiled policy under a key it can predict. <paramref name="precompiled"/> (the built-in pack compiled when
/// meshgov was built, inside its own assembly) is read when the folder has no entry; the pack's assemblies meshgov
/// ships are loaded before either (<see cref="TryLoadInstalled"/>).
/// </summary>
public sealed class PolicyCache(string directory, PrecompiledPolicies? precompiled = null)
{
    /// <summary>
    /// The engine's build (the module ids of the assemblies a policy binds to) and the runtime's major and minor
    /// version: a policy binds to assembly versions, which a servicing update of the runtime does not change, so
    /// a pack compiled at build time still serves the runtime patch a user installs.
    /// </summary>
    internal static readonly string EngineFingerprint = string.Join(
        "|",
        ScriptReferences.ModelAssemblies.Select(a => a.ManifestModule.ModuleVersionId.ToString())
            .Append($".NET {Environment.Version.Major}.{Environment.Version.Minor}"));

    public string Directory { get; } = Path.GetFullPath(directory);


    public static string Key(string path, string text, IEnumerable<(string Path, string Text)> loaded)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string value)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(value));
            hash.AppendData([0]);
        }

        Add(EngineFingerprint);
        Add(path);
        Add(text);
        foreach (var (loadedPath, loadedText) in loaded)
        {
            Add(loadedPath);
            Add(loadedText);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public byte[]? TryRead(string key) =>
        ReadFile(PathOf(key)) ?? precompiled?.TryRead(key);

    /// <summary>The built-in pack's entry for <paramref name="key"/> as the assembly meshgov ships it as (<see cref="PrecompiledPolicies.TryLoadInstalled"/>), or null.</summary>
    public System.Reflection.Assembly? TryLoadInstalled(string key, Func<string> assemblyName) =>
        precompiled?.TryLoadInstalled(key, assemblyName);

    /// <summary>Stops loading the built-in pack by name (<see cref="PrecompiledPolicies.StopLoadingByName"/>).</summary>
    public void StopLoadingByName() => precompiled?.StopLoadingByName();

    private static byte[]? ReadFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half an assembly. Best effort.</summary>
    public void Write(string key, byte[] image)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var temporary = Path.Combine(Directory, $"{key}.{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, PathOf(key), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk costs a recompile next time, nothing else.
        }
    }

    private string PathOf(string key) => Path.Combine(Directory, key + ".dll");
}
