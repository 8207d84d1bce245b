using System.Diagnostics;
using System.Text;

// The floor a mesh check cannot go below: every file of the mesh read and run through a YAML parser (events only, no
// node tree, no validation), on all cores, as meshgov reads them. Prints the parser, files, bytes and seconds.
// Usage: ParseFloor MESH_FOLDER [yamldotnet|sharpyaml]
if (args.Length is < 1 or > 2 || !Directory.Exists(args[0]) || (args.Length == 2 && args[1] is not ("yamldotnet" or "sharpyaml")))
{
    Console.Error.WriteLine("usage: ParseFloor MESH_FOLDER [yamldotnet|sharpyaml]");
    return 2;
}

var useSharpYaml = args.Length == 2 && args[1] == "sharpyaml";
var clock = Stopwatch.StartNew();
var files = Directory.EnumerateFiles(args[0], "*.y*ml", SearchOption.AllDirectories).ToList();
long bytes = 0;
long events = 0;
Parallel.ForEach(files, file =>
{
    var content = File.ReadAllBytes(file);
    var text = new StringReader(Encoding.UTF8.GetString(content));
    var count = useSharpYaml ? CountSharpYaml(text) : CountYamlDotNet(text);
    Interlocked.Add(ref bytes, content.Length);
    Interlocked.Add(ref events, count);
});
var parser = useSharpYaml ? typeof(SharpYaml.Parser).Assembly.GetName() : typeof(YamlDotNet.Core.Parser).Assembly.GetName();
Console.WriteLine($"{parser.Name} {parser.Version}: {files.Count} files, {bytes / 1048576.0:F1} MiB, {events} parser events, {clock.Elapsed.TotalSeconds:F2} s");
return 0;

static int CountYamlDotNet(TextReader text)
{
    var parser = new YamlDotNet.Core.Parser(text);
    var count = 0;
    while (parser.MoveNext())
    {
        count++;
    }

    return count;
}

static int CountSharpYaml(TextReader text)
{
    var parser = SharpYaml.Parser.CreateParser(text);
    var count = 0;
    while (parser.MoveNext())
    {
        count++;
    }

    return count;
}
