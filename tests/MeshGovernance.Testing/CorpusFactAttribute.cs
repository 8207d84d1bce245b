using Xunit;

namespace MeshGovernance.Testing;

/// <summary>A fact that reads ../shared/corpus; skipped, saying why, when the corpus is not beside the project.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (!RepositoryPaths.CorpusExists)
        {
            Skip = $"The shared corpus is not at {RepositoryPaths.Corpus}; clone the project with ../shared beside it to run this test.";
        }
    }
}

/// <summary>A theory over files of ../shared/corpus; skipped, saying why, when the corpus is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (!RepositoryPaths.CorpusExists)
        {
            Skip = $"The shared corpus is not at {RepositoryPaths.Corpus}; clone the project with ../shared beside it to run this test.";
        }
    }
}
