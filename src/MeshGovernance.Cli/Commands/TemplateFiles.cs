namespace MeshGovernance.Cli.Commands;

/// <summary>The mesh repository template embedded in the tool (from <c>mesh-repo-template/</c>).</summary>
internal static class TemplateFiles
{
    private const string Prefix = "template/";

    public sealed record TemplateFile(string RelativePath, string ResourceName)
    {
        public void CopyTo(Stream destination)
        {
            using var source = typeof(TemplateFiles).Assembly.GetManifestResourceStream(ResourceName)!;
            source.CopyTo(destination);
        }

        public string ReadText()
        {
            using var source = typeof(TemplateFiles).Assembly.GetManifestResourceStream(ResourceName)!;
            using var reader = new StreamReader(source);
            return reader.ReadToEnd();
        }
    }

    public static IReadOnlyList<TemplateFile> All() =>
        typeof(TemplateFiles).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new TemplateFile(name[Prefix.Length..].Replace('\\', '/'), name))
            .ToList();
}
