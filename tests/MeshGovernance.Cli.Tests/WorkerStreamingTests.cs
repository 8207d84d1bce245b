using System.Diagnostics;
using MeshGovernance.Model.Loading;
using MeshGovernance.Policies.Compilation;
using MeshGovernance.Policies.Engine;
using MeshGovernance.Policies.Execution;
using MeshGovernance.Policies.Isolation;
using MeshGovernance.Results;
using MeshGovernance.Testing;

namespace MeshGovernance.Cli.Tests;

/// <summary>
/// The mesh's files streamed to the worker as meshgov reads them (<see cref="PolicyWorkerPool.StreamAhead"/>): the
/// report is the one a setup carrying every file gives, and a stream that is incomplete or lost is never used.
/// </summary>
public sealed class WorkerStreamingTests : IDisposable
{
    private readonly TempMeshRepository _repo = TempMeshRepository.CopyOf(RepositoryPaths.Template);
    private readonly TempMeshRepository _caches = TempMeshRepository.Empty();

    public WorkerStreamingTests()
    {
        // Reference findings, which the worker makes when it links the mesh; which twin is the duplicate depends on the files' order.
        _repo.Write("domains/orders/products/orphan.odps.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: orphan\nstatus: active\nname: Orphan\nteam:\n  name: no-such-team\n");
        _repo.Write("domains/orders/products/twin-a.odps.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: twin\nstatus: draft\nname: Twin A\n");
        _repo.Write("domains/orders/products/twin-b.odps.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: twin\nstatus: draft\nname: Twin B\n");
    }

    public void Dispose()
    {
        _repo.Dispose();
        _caches.Dispose();
    }

    private static PolicyWorkerPool Pool() => WorkerChecks.Pool();

    private PolicyEngineOptions Options => new()
    {
        Budget = PolicyBudgetOptions.Default with { Timeout = TimeSpan.FromSeconds(20) },
        Cache = new PolicyCache(_caches.PathOf("policies")),
        Today = new DateOnly(2026, 12, 6),
        MaxParallelism = 2,
    };

    /// <summary>A check as <c>meshgov check</c> runs one: the worker started and the stream opened once the mesh is scanned.</summary>
    /// <param name="stream">What the loader hands the stream of each file read; null for no stream at all.</param>
    /// <param name="loaded">Called once every file is read, before the policies run.</param>
    private CheckResult Check(PolicyWorkerPool pool, bool linkInWorker, Action<PolicyWorkerPool, int, LoadedFile>? stream, Action<PolicyWorkerPool>? loaded = null)
    {
        var load = MeshLoader.Load(
            _repo.Root,
            cache: FileCache.Open(_caches.PathOf("files")),
            scanned: layout =>
            {
                pool.StartEarly();
                if (stream is not null)
                {
                    pool.StreamAhead(layout.PolicyScripts, Options.Cache);
                }
            },
            linkOnDemand: _ => linkInWorker,
            fileRead: stream is null ? null : (index, file) => stream(pool, index, file));
        loaded?.Invoke(pool);
        return PolicyEngine.Check(load, PolicySet.Load(load), Options with { Worker = pool });
    }

    private static void StreamAll(PolicyWorkerPool pool, int index, LoadedFile file) => pool.StreamFile(index, file);

    private static void AssertSameReport(CheckResult expected, CheckResult actual)
    {
        WorkerChecks.AssertSameReport(expected, actual);
        Assert.True(actual.Policies.Where(p => p.Enabled).All(p => p.Ran));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Files_streamed_as_they_are_read_give_the_report_a_setup_carrying_them_gives(bool linkInWorker)
    {
        using var carrying = Pool();
        var expected = Check(carrying, linkInWorker, stream: null);
        using var streaming = Pool();

        var actual = Check(streaming, linkInWorker, StreamAll);

        AssertSameReport(expected, actual);
        Assert.Contains(actual.Diagnostics, d => d.File == "domains/orders/products/orphan.odps.yaml" && d.Message.Contains("no-such-team", StringComparison.Ordinal));
        Assert.Contains(actual.Diagnostics, d => d.File == "domains/orders/products/twin-b.odps.yaml" && d.Message.Contains("already used by domains/orders/products/twin-a.odps.yaml", StringComparison.Ordinal));
        Assert.Equal(linkInWorker, actual.Statistics.LinkedInWorker);
        Assert.Equal(0, carrying.StreamedSetups);
        Assert.Equal(1, streaming.StreamedSetups);
        Assert.Equal(1, streaming.WorkersStarted);
    }

    [Fact]
    public void The_worker_finds_what_an_in_process_check_compiled_under_the_keys_meshgov_hands_it()
    {
        var load = MeshLoader.Load(_repo.Root);
        PolicyEngine.Check(load, PolicySet.Load(load), Options);
        using var streaming = Pool();

        var actual = Check(streaming, linkInWorker: true, StreamAll);

        var own = actual.Policies.Where(p => !p.BuiltIn).ToList();
        Assert.NotEmpty(own);
        Assert.All(actual.Policies.Where(p => p.Enabled), p => Assert.True(p.FromCache, p.Metadata.Id));
    }

    [Fact]
    public void Files_that_reach_the_worker_out_of_order_take_their_places_in_the_mesh()
    {
        using var carrying = Pool();
        var expected = Check(carrying, linkInWorker: true, stream: null);
        using var streaming = Pool();
        var read = new System.Collections.Concurrent.ConcurrentBag<(int Index, LoadedFile File)>();

        // Held back while the mesh is read, then streamed last file first.
        var actual = Check(streaming, linkInWorker: true, (_, index, file) => read.Add((index, file)), pool =>
        {
            foreach (var (index, file) in read.OrderByDescending(r => r.Index))
            {
                pool.StreamFile(index, file);
            }
        });

        AssertSameReport(expected, actual);
        Assert.Contains(actual.Diagnostics, d => d.File == "domains/orders/products/twin-b.odps.yaml" && d.Message.Contains("already used by domains/orders/products/twin-a.odps.yaml", StringComparison.Ordinal));
        Assert.Equal(1, streaming.StreamedSetups);
    }

    [Fact]
    public void A_stream_missing_a_file_is_not_used_and_the_setup_carries_every_file()
    {
        using var carrying = Pool();
        var expected = Check(carrying, linkInWorker: true, stream: null);
        using var streaming = Pool();

        var actual = Check(streaming, linkInWorker: true, (pool, index, file) =>
        {
            if (index != 0)
            {
                pool.StreamFile(index, file);
            }
        });

        AssertSameReport(expected, actual);
        Assert.Equal(0, streaming.StreamedSetups);
        Assert.Equal(1, streaming.WorkersStarted);
    }

    [Fact]
    public void A_worker_that_dies_while_the_files_stream_is_replaced_by_one_set_up_with_every_file()
    {
        using var carrying = Pool();
        var expected = Check(carrying, linkInWorker: true, stream: null);
        using var streaming = Pool();

        var actual = Check(streaming, linkInWorker: true, (pool, index, file) =>
        {
            if (index == 0 && pool.WorkerProcessId is { } id)
            {
                using var worker = Process.GetProcessById(id);
                worker.Kill();
                worker.WaitForExit();
            }

            pool.StreamFile(index, file);
        });

        AssertSameReport(expected, actual);
        Assert.Equal(0, streaming.StreamedSetups);
        Assert.Equal(2, streaming.WorkersStarted);
    }
}
