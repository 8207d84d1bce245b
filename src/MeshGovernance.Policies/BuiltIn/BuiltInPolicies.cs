using System.Reflection;
using MeshGovernance.Policies.Metadata;

namespace MeshGovernance.Policies.BuiltIn;

/// <summary>The built-in policy pack, embedded from the repository's policies/ folder: scripts, help pages, tests and fixtures.</summary>
public static class BuiltInPolicies
{
    private const string Prefix = "policies/";
    private static readonly Assembly Assembly = typeof(BuiltInPolicies).Assembly;

    /// <summary>The pack's scripts, by file name.</summary>
    public static IReadOnlyList<PolicySource> Sources { get; } = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".csx", StringComparison.Ordinal) && n.IndexOf('/', Prefix.Length) < 0)
        .Order(StringComparer.Ordinal)
        .Select(n => new PolicySource(n, Read(n)!, BuiltIn: true))
        .ToList();

    /// <summary>Every embedded file of the pack, by its path under policies/ ('/'-separated).</summary>
    public static IReadOnlyList<string> Files { get; } = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The text of a file of the pack (<c>product-has-owner.md</c>, <c>fixtures/base/mesh.yaml</c>), or null.</summary>
    public static string? Read(string path)
    {
        var name = path.StartsWith(Prefix, StringComparison.Ordinal) ? path : Prefix + path;
        using var stream = Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The help page of a built-in policy (policies/&lt;id&gt;.md), or null.</summary>
    public static string? HelpPage(string policyId) => Read(policyId + ".md");
}
