using System.Text;

namespace MeshGovernance.Git.Tests;

public class GitBlobReaderTests
{
    [Fact]
    public void Two_hundred_blobs_are_read_through_a_single_git_process()
    {
        using var git = GitTestRepository.Create();
        for (var i = 0; i < 200; i++)
        {
            git.Write($"teams/team-{i:000}.yaml", $"id: team-{i}\n" + new string('x', i * 37));
        }

        var commit = git.Commit("many");
        using var fakeGit = FakeGit.Logging();
        var repository = git.Open(fakeGit.Options);
        var entries = repository.ListFiles(commit, ["teams/"]);
        var before = fakeGit.Invocations.Count;

        using (var reader = new GitBlobReader(repository))
        {
            foreach (var entry in entries)
            {
                using var content = new MemoryStream();
                var result = reader.Read(entry.ObjectId, content, maxBytes: 1 << 20);

                Assert.Equal(new BlobReadResult(BlobReadStatus.Read, entry.Size!.Value), result);
                Assert.Equal(File.ReadAllBytes(git.PathOf(entry.Path)), content.ToArray());
            }
        }

        var started = fakeGit.Invocations.Skip(before).ToList();
        Assert.Equal(200, entries.Count);
        Assert.Equal(["-c core.quotepath=off -c color.ui=false cat-file --batch"], started);
    }

    [Fact]
    public void A_missing_object_is_reported_and_the_reader_keeps_working()
    {
        using var git = GitTestRepository.Create();
        var commit = git.Write("mesh.yaml", "name: m\n").Commit("first");
        var repository = git.Open();
        var mesh = repository.ListFiles(commit, ["mesh.yaml"]).Single();
        using var reader = new GitBlobReader(repository);
        using var missingContent = new MemoryStream();
        using var meshContent = new MemoryStream();

        var missing = reader.Read(new string('0', 39) + "1", missingContent, 1000);
        var present = reader.Read(mesh.ObjectId, meshContent, 1000);

        Assert.Equal(BlobReadStatus.Missing, missing.Status);
        Assert.Equal(0, missingContent.Length);
        Assert.Equal(BlobReadStatus.Read, present.Status);
        Assert.Equal("name: m\n", Encoding.UTF8.GetString(meshContent.ToArray()));
    }

    [Fact]
    public void A_blob_over_the_limit_is_reported_with_nothing_written_and_the_next_read_is_intact()
    {
        using var git = GitTestRepository.Create();
        var big = new byte[300_000];
        new Random(7).NextBytes(big);
        var commit = git.WriteBytes("big.bin", big).Write("small.yaml", "small: true\n").Commit("first");
        var repository = git.Open();
        var entries = repository.ListFiles(commit, []).ToDictionary(e => e.Path);
        using var reader = new GitBlobReader(repository);
        using var bigContent = new MemoryStream();
        using var smallContent = new MemoryStream();
        using var bigAgain = new MemoryStream();

        var tooLarge = reader.Read(entries["big.bin"].ObjectId, bigContent, maxBytes: big.Length - 1);
        var small = reader.Read(entries["small.yaml"].ObjectId, smallContent, maxBytes: 100);
        var exact = reader.Read(entries["big.bin"].ObjectId, bigAgain, maxBytes: big.Length);

        Assert.Equal(new BlobReadResult(BlobReadStatus.TooLarge, big.Length), tooLarge);
        Assert.Equal(0, bigContent.Length);
        Assert.Equal("small: true\n", Encoding.UTF8.GetString(smallContent.ToArray()));
        Assert.Equal(BlobReadStatus.Read, exact.Status);
        Assert.Equal(big, bigAgain.ToArray());
    }

    [Fact]
    public void An_object_that_is_not_a_blob_is_a_git_exception_and_the_reader_keeps_working()
    {
        using var git = GitTestRepository.Create();
        var commit = git.Write("mesh.yaml", "name: m\n").Commit("first");
        var repository = git.Open();
        var mesh = repository.ListFiles(commit, []).Single();
        using var reader = new GitBlobReader(repository);
        using var content = new MemoryStream();

        var exception = Assert.Throws<GitException>(() => reader.Read(commit, Stream.Null, 1 << 20));
        var result = reader.Read(mesh.ObjectId, content, 100);

        Assert.Contains("is a commit, not a blob", exception.Message);
        Assert.Equal(BlobReadStatus.Read, result.Status);
        Assert.Equal(8, content.Length);
    }

    [Theory]
    [InlineData("HEAD")]
    [InlineData("abc")]
    [InlineData("0000000000000000000000000000000000000000\n0000000000000000000000000000000000000001")]
    public void Only_full_object_ids_are_sent_to_git(string objectId)
    {
        using var git = GitTestRepository.Create();
        git.Write("mesh.yaml", "name: m\n").Commit("first");
        using var reader = new GitBlobReader(git.Open());

        Assert.Throws<ArgumentException>(() => reader.Read(objectId, Stream.Null, 100));
    }

    [Fact]
    public void When_git_stops_answering_the_read_is_a_git_exception_with_its_error()
    {
        using var fakeGit = FakeGit.Running("""
            case "$*" in
              *cat-file*) read request; echo 'fatal: object store is broken' >&2; exit 128 ;;
              *) exec git "$@" ;;
            esac
            """);
        using var git = GitTestRepository.Create();
        git.Write("mesh.yaml", "name: m\n").Commit("first");
        using var reader = new GitBlobReader(git.Open(fakeGit.Options));

        var exception = Assert.Throws<GitException>(() => reader.Read(new string('a', 40), Stream.Null, 100));
        var again = Assert.Throws<GitException>(() => reader.Read(new string('a', 40), Stream.Null, 100));

        Assert.Contains("object store is broken", exception.Message);
        Assert.Contains("open a new one", again.Message);
    }

    [Fact]
    public void A_read_over_the_timeout_kills_git_and_is_a_git_exception()
    {
        using var fakeGit = FakeGit.Running("""
            case "$*" in
              *cat-file*) read request; sleep 300 ;;
              *) exec git "$@" ;;
            esac
            """);
        using var git = GitTestRepository.Create();
        git.Write("mesh.yaml", "name: m\n").Commit("first");
        using var reader = new GitBlobReader(git.Open(fakeGit.Options with { CommandTimeout = TimeSpan.FromSeconds(1) }));

        var exception = Assert.Throws<GitException>(() => reader.Read(new string('a', 40), Stream.Null, 100));

        Assert.Contains("did not finish within 1 seconds", exception.Message);
    }
}
