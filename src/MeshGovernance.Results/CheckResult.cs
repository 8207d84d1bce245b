using MeshGovernance.Model.Diagnostics;

namespace MeshGovernance.Results;

/// <summary>The result of a check: every diagnostic (validation, engine, policy findings, waivers) and what each policy did.</summary>
/// <param name="ConfigurationError">mesh.yaml is missing or unreadable: the CLI exits with 2.</param>
public sealed record CheckResult(
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<PolicyOutcome> Policies,
    CheckStatistics Statistics,
    bool ConfigurationError)
{
    /// <summary>The policies are configured wrongly (two share an id, mesh.yaml sets what does not exist): the CLI exits with 2.</summary>
    public bool PolicyConfigurationInvalid { get; init; }

    /// <summary>Every waiver of the trusted waivers file with what the engine made of it.</summary>
    public IReadOnlyList<WaiverOutcome> Waivers { get; init; } = [];

    /// <summary>A finding fails the check: an error no waiver covers.</summary>
    public bool Blocking => Diagnostics.Any(d => d.Blocking);

    public static CheckResult ValidationOnly(IReadOnlyList<Diagnostic> diagnostics, bool configurationError) =>
        new(diagnostics, [], CheckStatistics.None, configurationError);
}

/// <summary>What one policy did in a check.</summary>
/// <param name="Metadata">The policy's metadata with the enforcement and parameters mesh.yaml gives it.</param>
/// <param name="Subjects">The subjects the policy judged (its scope), for pass/fail counts and JUnit test cases.</param>
/// <param name="Ran">False when the policy was disabled, or did not compile or finish (its engine error is among the diagnostics).</param>
public sealed record PolicyOutcome(
    PolicyMetadata Metadata,
    string SourcePath,
    bool BuiltIn,
    bool Enabled,
    bool Ran,
    IReadOnlyList<string> Subjects,
    bool FromCache,
    TimeSpan Duration)
{
    /// <summary>The policy's help page (Markdown) when meshgov ships one: the built-in pack's.</summary>
    public string? HelpPage { get; init; }

    /// <summary>The policy judges pull requests only (<see cref="PolicyMetadata.PullRequestOnly"/>) and this check had none.</summary>
    public bool AwaitsPullRequest { get; init; }
}

/// <summary>How the policies were obtained and run, for --stats and the benchmark.</summary>
public sealed record CheckStatistics(int Policies, int FromCache, int Compiled, TimeSpan CompileTime, TimeSpan EvaluationTime)
{
    /// <summary>Whether the process that compiled the policies loaded Roslyn (a warm run never does).</summary>
    public bool CompilerLoaded { get; init; }

    /// <summary>Whether the policies ran in a worker process.</summary>
    public bool Isolated { get; init; }

    /// <summary>The worker also linked the mesh and checked its references; this process did not (a large mesh).</summary>
    public bool LinkedInWorker { get; init; }

    public static CheckStatistics None { get; } = new(0, 0, 0, TimeSpan.Zero, TimeSpan.Zero);
}
