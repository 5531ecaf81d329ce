namespace Greenlight.Core.Analysis;

/// <summary>The options of one judge, as written under its name in the manifest. Defaults are the manifest's defaults.</summary>
public abstract record JudgeOptions
{
    // Only the built-in judges' options exist: Judges.Create knows no other.
    private protected JudgeOptions()
    {
    }

    /// <summary>Every option out of range; empty when the options can build a judge.</summary>
    public abstract IReadOnlyList<OptionProblem> Validate();
}
