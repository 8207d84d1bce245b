using MeshGovernance.Model.Diagnostics;
using MeshGovernance.Contracts;
using MeshGovernance.Policies.Metadata;

namespace MeshGovernance.Policies.Isolation;

/// <summary>Reading and writing the values both sides of the worker's pipes exchange.</summary>
internal static class WorkerWire
{
    /// <summary>A count or length larger than this is damage, not data (the largest mesh is far smaller).</summary>
    private const int MaxCount = 64 * 1024 * 1024;

    public static void WriteOptional(this BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    public static string? ReadOptional(this BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    public static int ReadCount(this BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        return count is >= 0 and <= MaxCount ? count : throw new InvalidDataException($"A count of {count} on the worker's pipe.");
    }

    public static void Write(this BinaryWriter writer, SourceSpan span)
    {
        writer.Write(span.File);
        writer.Write(span.Line);
        writer.Write(span.Column);
        writer.Write(span.EndLine);
        writer.Write(span.EndColumn);
    }

    public static SourceSpan ReadSpan(this BinaryReader reader) =>
        new(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());

    public static void Write(this BinaryWriter writer, Diagnostic diagnostic)
    {
        writer.Write(diagnostic.Id);
        writer.Write((byte)diagnostic.Level);
        writer.Write(diagnostic.Message);
        writer.Write(diagnostic.Span);
        writer.WriteOptional(diagnostic.Subject);
    }

    public static Diagnostic ReadDiagnostic(this BinaryReader reader)
    {
        var id = reader.ReadString();
        var level = (DiagnosticLevel)reader.ReadByte();
        if (!Enum.IsDefined(level))
        {
            throw new InvalidDataException("An unknown diagnostic level on the worker's pipe.");
        }

        return new Diagnostic(id, level, reader.ReadString(), reader.ReadSpan(), reader.ReadOptional());
    }

    public static void Write(this BinaryWriter writer, PolicySource source)
    {
        writer.Write(source.Path);
        writer.Write(source.Text);
        writer.Write(source.BuiltIn);
        writer.WriteOptional(source.LoadFolder);
        writer.WriteOptional(source.FullPath);
    }

    public static PolicySource ReadSource(this BinaryReader reader) =>
        new(reader.ReadString(), reader.ReadString(), reader.ReadBoolean(), reader.ReadOptional(), reader.ReadOptional());

    public static void Write(this BinaryWriter writer, ChangedFile file)
    {
        writer.Write((byte)file.Kind);
        writer.Write(file.Path);
        writer.WriteOptional(file.OldPath);
    }

    public static ChangedFile ReadChangedFile(this BinaryReader reader)
    {
        var kind = (FileChangeKind)reader.ReadByte();
        return Enum.IsDefined(kind)
            ? new ChangedFile(kind, reader.ReadString(), reader.ReadOptional())
            : throw new InvalidDataException("An unknown change kind on the worker's pipe.");
    }

    private enum ParameterTag : byte
    {
        Text,
        Integer,
        Number,
        Boolean,
        List,
    }

    /// <summary>Parameters are text, whole numbers, numbers, booleans or lists of texts (see <see cref="Scripting.ParameterTypes"/>).</summary>
    public static void Write(this BinaryWriter writer, IReadOnlyDictionary<string, object> parameters)
    {
        writer.Write7BitEncodedInt(parameters.Count);
        foreach (var (name, value) in parameters)
        {
            writer.Write(name);
            switch (value)
            {
                case string text:
                    writer.Write((byte)ParameterTag.Text);
                    writer.Write(text);
                    break;
                case long whole:
                    writer.Write((byte)ParameterTag.Integer);
                    writer.Write(whole);
                    break;
                case double number:
                    writer.Write((byte)ParameterTag.Number);
                    writer.Write(number);
                    break;
                case bool flag:
                    writer.Write((byte)ParameterTag.Boolean);
                    writer.Write(flag);
                    break;
                case IReadOnlyList<string> list:
                    writer.Write((byte)ParameterTag.List);
                    writer.Write7BitEncodedInt(list.Count);
                    foreach (var item in list)
                    {
                        writer.Write(item);
                    }

                    break;
                default:
                    throw new ArgumentException($"The parameter '{name}' is a {value.GetType().Name}, which no policy parameter can be.", nameof(parameters));
            }
        }
    }

    public static Dictionary<string, object> ReadParameters(this BinaryReader reader)
    {
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = reader.ReadCount(); i > 0; i--)
        {
            var name = reader.ReadString();
            parameters[name] = (ParameterTag)reader.ReadByte() switch
            {
                ParameterTag.Text => reader.ReadString(),
                ParameterTag.Integer => reader.ReadInt64(),
                ParameterTag.Number => reader.ReadDouble(),
                ParameterTag.Boolean => reader.ReadBoolean(),
                ParameterTag.List => Enumerable.Range(0, reader.ReadCount()).Select(_ => reader.ReadString()).ToList(),
                _ => throw new InvalidDataException("An unknown parameter type on the worker's pipe."),
            };
        }

        return parameters;
    }
}
