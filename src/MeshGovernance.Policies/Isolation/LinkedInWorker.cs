using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Model.Graph;

namespace MeshGovernance.Policies.Isolation;

/// <summary>
/// What the worker found linking the mesh of a check that left the linking to it (the parent never builds the graph
/// then): the findings of the reference checks, and the ids of the mesh's subjects for waivers and reports.
/// </summary>
internal sealed record LinkedInWorker(IReadOnlyList<Diagnostic> ReferenceFindings, MeshSubjects Subjects)
{
    public void Write(BinaryWriter writer)
    {
        writer.Write7BitEncodedInt(ReferenceFindings.Count);
        foreach (var finding in ReferenceFindings)
        {
            writer.Write(finding);
        }

        writer.WriteOptional(Subjects.MeshName);
        foreach (var ids in (IReadOnlyList<string>[])[Subjects.Teams, Subjects.Domains, Subjects.Products, Subjects.Contracts])
        {
            writer.Write7BitEncodedInt(ids.Count);
            foreach (var id in ids)
            {
                writer.Write(id);
            }
        }
    }

    public static LinkedInWorker Read(BinaryReader reader)
    {
        var findings = Enumerable.Range(0, reader.ReadCount()).Select(_ => reader.ReadDiagnostic()).ToList();
        var meshName = reader.ReadOptional();
        return new LinkedInWorker(findings, new MeshSubjects(meshName, Ids(reader), Ids(reader), Ids(reader), Ids(reader)));

        static List<string> Ids(BinaryReader reader) => Enumerable.Range(0, reader.ReadCount()).Select(_ => reader.ReadString()).ToList();
    }
}
