using MeshGovernance.Model.Loading;
using MeshGovernance.Testing;

namespace MeshGovernance.Model.Tests.Loading;

public sealed class LoadedFilesFormatTests
{
    [Fact]
    public void Files_handed_over_in_several_batches_and_with_a_tree_over_a_megabyte_read_back_as_the_same_graph_and_references()
    {
        using var repo = TempMeshRepository.CopyOf(RepositoryPaths.Template);
        for (var i = 0; i < 300; i++)
        {
            repo.Write($"teams/extra-{i:000}.yaml", TempMeshRepository.ValidTeam.Replace("id: sales-team", $"id: extra-team-{i:000}", StringComparison.Ordinal));
        }

        // Scalars are at most 64 KiB: forty of 40 KB make a tree of 1.6 MB, over the reader's first buffer.
        var longText = string.Concat(Enumerable.Repeat("A long line of text for one big tree. ", 1_000));
        var notes = string.Concat(Enumerable.Range(0, 40).Select(i => $"  - \"{i} {longText}\"\n"));
        repo.Write("teams/big.yaml", TempMeshRepository.ValidTeam.Replace("id: sales-team", "id: big-team", StringComparison.Ordinal) + "\nx-notes:\n" + notes);
        // Files that did not parse travel with their diagnostics: a contract in a format meshgov does not read is one
        // the reference checks name when a port points at it.
        repo.Write("teams/broken.yaml", "id: [unclosed\n");
        repo.Write("domains/orders/contracts/legacy.odcs.yaml", "dataContractSpecification: 1.1.0\nid: legacy\ninfo:\n  title: Legacy\n  version: 1.0.0\n");
        var load = MeshLoader.Load(repo.Root);

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, LoadedFilesFormat.Encoding, leaveOpen: true))
        {
            LoadedFilesFormat.Write(writer, load.Files);
        }

        buffer.Position = 0;
        using var reader = new BinaryReader(buffer, LoadedFilesFormat.Encoding);
        var read = LoadedFilesFormat.Read(reader);

        Assert.True(load.Files.Count > 300);
        Assert.Equal(load.Files.Select(f => (f.File, f.HasTree)), read.Select(f => (f.File, f.HasTree)));
        var unparsed = load.Files.Where(f => !f.HasTree).ToList();
        Assert.Equal(2, unparsed.Count);
        Assert.Equal(unparsed.Select(f => f.Diagnostics), read.Where(f => !f.HasTree).Select(f => f.Diagnostics));
        var big = read.Single(f => f.File.RelativePath == "teams/big.yaml").Root!;
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"{i} {longText}"), big.GetStrings("x-notes"));
        var (graph, references) = MeshLoader.Link(read);
        Assert.Equal(load.Diagnostics, load.DiagnosticsWith(references));
        Assert.Equal(load.Mesh.Teams.Select(t => (t.Id, t.Span)), graph.Teams.Select(t => (t.Id, t.Span)));
        Assert.Equal(load.Mesh.Contracts.SelectMany(c => c.AllElements()).Select(e => (e.Path, e.Span)), graph.Contracts.SelectMany(c => c.AllElements()).Select(e => (e.Path, e.Span)));
    }

    [Fact]
    public void A_tree_cut_short_is_reported_as_such()
    {
        using var repo = TempMeshRepository.Valid();
        var load = MeshLoader.Load(repo.Root);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, LoadedFilesFormat.Encoding, leaveOpen: true))
        {
            LoadedFilesFormat.Write(writer, load.Files);
        }

        using var reader = new BinaryReader(new MemoryStream(buffer.ToArray()[..^10]), LoadedFilesFormat.Encoding);

        var error = Assert.Throws<InvalidDataException>(() => LoadedFilesFormat.Read(reader));
        Assert.Contains("cut short", error.Message, StringComparison.Ordinal);
    }
}
