using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Schemas;
using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Loading;

/// <summary>Reads, parses and schema-validates one mesh file, within the YAML limits.</summary>
public static class MeshFileReader
{
    /// <param name="withBlobId">Also compute the content's git blob id (<see cref="LoadedFile.GitBlobId"/>).</param>
    /// <param name="deferTree">An unchanged file's tree may stay in the file cache until it is used (<see cref="LoadedFile.TreeDeferred"/>).</param>
    public static LoadedFile Read(MeshFile file, YamlLimits limits, FileCache? cache = null, bool withBlobId = false, bool deferTree = false)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(file.FullPath);
            if (info.Length == 0)
            {
                // Never opened: named pipes and device nodes also report length 0, and reading one could block.
                return Empty(file);
            }

            if (info.Length > limits.MaxFileBytes)
            {
                return TooLarge(file, info.Length, limits);
            }

            // One handle, one exact-size buffer; one byte more is asked for, in case the file grew since.
            using var handle = File.OpenHandle(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            bytes = new byte[info.Length];
            var read = 0;
            while (read < bytes.Length && RandomAccess.Read(handle, bytes.AsSpan(read), read) is var n and > 0)
            {
                read += n;
            }

            Span<byte> extra = stackalloc byte[1];
            if (read == bytes.Length && RandomAccess.Read(handle, extra, read) > 0)
            {
                // The file grew since its length was taken: read on, to one byte past the limit at most.
                var grown = new byte[limits.MaxFileBytes + 1];
                bytes.CopyTo(grown, 0);
                grown[read++] = extra[0];
                while (read < grown.Length && RandomAccess.Read(handle, grown.AsSpan(read), read) is var m and > 0)
                {
                    read += m;
                }

                if (read > limits.MaxFileBytes)
                {
                    return TooLarge(file, read, limits);
                }

                bytes = grown;
            }

            if (read < bytes.Length)
            {
                bytes = bytes[..read];
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(file, DiagnosticCatalog.FileUnreadable.Create(SourceSpan.StartOf(file.RelativePath), $"The file cannot be read: {ex.Message}"));
        }

        var loaded = Parse(file, bytes, limits, cache, deferTree);
        return withBlobId ? loaded with { GitBlobId = GitBlobId.Of(bytes) } : loaded;
    }

    /// <summary>Parses and validates content already in memory (for example a file at a git revision).</summary>
    public static LoadedFile Parse(MeshFile file, ReadOnlySpan<byte> bytes, YamlLimits limits, FileCache? cache = null, bool deferTree = false)
    {
        if (bytes.Length > limits.MaxFileBytes)
        {
            return TooLarge(file, bytes.Length, limits);
        }

        var key = cache is null ? null : FileCache.Key(file, bytes);
        if (deferTree && key is not null && cache!.TryGetDeferred(key, file, limits) is { } deferred)
        {
            return deferred;
        }

        var parsed = key is null ? null : cache!.TryGetTree(key, file.RelativePath);
        if (parsed is null)
        {
            var text = YamlTextDecoder.Decode(bytes, file.RelativePath, out var encodingError);
            if (text is null)
            {
                return Failed(file, encodingError!);
            }

            parsed = YamlDocumentReader.Read(text, file.RelativePath, limits);
            if (key is not null && parsed.Root is not null)
            {
                parsed = parsed with { CompactTree = cache!.AddTree(key, parsed.Root, parsed.Diagnostics) };
            }
        }

        if (parsed.Root is null)
        {
            return new LoadedFile(file, null, parsed.Diagnostics);
        }

        var subject = SubjectOf(file.Kind, parsed.Root);
        if (UnreadFormats.Detect(file.Kind, parsed.Root, subject) is { } notRead)
        {
            // Reported, but neither schema-validated nor part of the mesh graph: no Root.
            return new LoadedFile(file, null, [.. parsed.Diagnostics.Select(d => d with { Subject = subject }), notRead]);
        }

        IReadOnlyList<Diagnostic> schemaDiagnostics;
        if (key is null || !cache!.TryGet(key, out schemaDiagnostics))
        {
            schemaDiagnostics = SchemaValidator.Validate(parsed.Root, file.Kind, subject);
            if (key is not null)
            {
                cache!.Add(key, schemaDiagnostics);
            }
        }

        if (key is not null)
        {
            cache!.AddSubject(key, subject);
        }

        var diagnostics = parsed.Diagnostics.Select(d => d with { Subject = subject }).Concat(schemaDiagnostics).ToList();
        return new LoadedFile(file, parsed.Root, diagnostics) { CompactTree = parsed.CompactTree };
    }

    private static string? SubjectOf(DocumentKind kind, SourceMapping root) =>
        kind == DocumentKind.Mesh ? root.GetString("name") : root.GetString("id");

    /// <summary>The finding for a file with no content; a reader that knows the length from elsewhere (git) uses it too.</summary>
    public static LoadedFile Empty(MeshFile file) => Failed(file, DiagnosticCatalog.EmptyFile.Create(
        SourceSpan.StartOf(file.RelativePath),
        "The file is empty (0 bytes), or is not a regular file such as a named pipe; fill it in or delete it."));

    /// <summary>The finding for a file over <see cref="YamlLimits.MaxFileBytes"/>, for a reader that knows its length without reading it.</summary>
    public static LoadedFile TooLarge(MeshFile file, long length, YamlLimits limits) => Failed(file, DiagnosticCatalog.FileTooLarge.Create(
        SourceSpan.StartOf(file.RelativePath),
        $"The file is {length:N0} bytes; a mesh file may be at most {limits.MaxFileBytes:N0} bytes. Split it, or move sample data out of the repository."));

    private static LoadedFile Failed(MeshFile file, Diagnostic diagnostic) => new(file, null, [diagnostic]);
}
