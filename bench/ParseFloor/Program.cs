using System.Diagnostics;
using System.Text;
using YamlDotNet.Core;

// The floor a mesh check cannot go below: every file of the mesh read and run through YamlDotNet's parser (events
// only, no node tree, no validation), on all cores, as meshgov reads them. Prints files, bytes and seconds.
if (args.Length != 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: ParseFloor MESH_FOLDER");
    return 2;
}

var clock = Stopwatch.StartNew();
var files = Directory.EnumerateFiles(args[0], "*.y*ml", SearchOption.AllDirectories).ToList();
long bytes = 0;
long events = 0;
Parallel.ForEach(files, file =>
{
    var content = File.ReadAllBytes(file);
    var parser = new Parser(new StringReader(Encoding.UTF8.GetString(content)));
    var count = 0;
    while (parser.MoveNext())
    {
        count++;
    }

    Interlocked.Add(ref bytes, content.Length);
    Interlocked.Add(ref events, count);
});
Console.WriteLine($"{files.Count} files, {bytes / 1048576.0:F1} MiB, {events} parser events, {clock.Elapsed.TotalSeconds:F2} s");
return 0;
