using System.Buffers.Binary;
using System.Text;

namespace MeshGovernance.Model.Yaml;

/// <summary>
/// Reads what a <see cref="BinaryWriter"/> wrote (little-endian integers, 7-bit encoded counts, length-prefixed UTF-8
/// strings) straight from memory (an array, or a mapped file): a cached tree is millions of small reads, and a
/// <see cref="BinaryReader"/> over a stream pays a virtual call for each byte. Throws
/// <see cref="EndOfStreamException"/> past the end and <see cref="FormatException"/> on a malformed count or length.
/// </summary>
internal ref struct CompactReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public readonly bool AtEnd => _position == _buffer.Length;

    /// <summary>Bytes left to read: what any count read from the data must fit in.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>Bytes read so far.</summary>
    public readonly int Position => _position;

    public byte ReadByte() => _position < _buffer.Length ? _buffer[_position++] : throw new EndOfStreamException();

    /// <summary>The next byte, left to be read.</summary>
    public readonly byte PeekByte() => _position < _buffer.Length ? _buffer[_position] : throw new EndOfStreamException();

    public bool ReadBoolean() => ReadByte() != 0;

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public int Read7BitEncodedInt()
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return shift == 28 && b > 0x0F ? throw new FormatException("A 7-bit encoded integer too large.") : (int)result;
            }
        }

        throw new FormatException("A 7-bit encoded integer too long.");
    }

    /// <summary>A string as <see cref="BinaryWriter.Write(string)"/> wrote it.</summary>
    public string ReadString() => Encoding.UTF8.GetString(Take(ReadLength()));

    /// <summary>Moves past the next <paramref name="length"/> bytes.</summary>
    public void Skip(int length) => Take(length);

    /// <summary>The bytes of a length-prefixed string, without decoding them.</summary>
    public ReadOnlySpan<byte> ReadStringBytes() => Take(ReadLength());

    private int ReadLength()
    {
        var length = Read7BitEncodedInt();
        return length >= 0 ? length : throw new FormatException("A negative string length.");
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _buffer.Length - _position)
        {
            throw new EndOfStreamException();
        }

        var span = _buffer.Slice(_position, length);
        _position += length;
        return span;
    }
}
