using System.CommandLine;

namespace MeshGovernance.Cli.Commands;

/// <summary>The options that make <c>check</c> (and <c>diff</c>) judge a pull request rather than the whole mesh.</summary>
internal sealed class PullRequestOptions
{
    public Option<string?> Base { get; } = new("--base")
    {
        Description = "Judge the change from this revision (the branch, tag or commit the pull request merges into). Policies, waivers and policy settings are taken from it.",
        HelpName = "REV",
    };

    public Option<string?> Head { get; } = new("--head")
    {
        Description = "The revision under review. Default: the working tree, uncommitted and untracked files included.",
        HelpName = "REV",
    };

    public Option<bool> Fetch { get; } = new("--fetch")
    {
        Description = "In a shallow clone, fetch the history needed to find the merge base from 'origin' instead of failing.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Base);
        command.Options.Add(Head);
        command.Options.Add(Fetch);
    }

    /// <summary>Writes an error naming the option and returns false when --head is given without --base.</summary>
    public bool Validate(ParseResult parse, TextWriter error)
    {
        if (parse.GetValue(Head) is not null && parse.GetValue(Base) is null)
        {
            error.WriteLine("error: --head: give --base too; the head is judged against the revision it merges into.");
            return false;
        }

        if (parse.GetValue(Base) is { } revision && revision.StartsWith('-'))
        {
            error.WriteLine($"error: --base: '{revision}' is not a revision.");
            return false;
        }

        if (parse.GetValue(Head) is { } head && head.StartsWith('-'))
        {
            error.WriteLine($"error: --head: '{head}' is not a revision.");
            return false;
        }

        return true;
    }
}
