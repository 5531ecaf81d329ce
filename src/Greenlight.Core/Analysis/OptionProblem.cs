using System.Globalization;

namespace Greenlight.Core.Analysis;

/// <summary>
/// One judge option out of range, worded for the manifest's "found …, expected …" errors:
/// <paramref name="Option"/> is the manifest key (<c>alpha</c>, <c>minCanaryRequests</c>), or empty when the
/// problem is with the options as a whole (a threshold judge with no bound).
/// </summary>
public sealed record OptionProblem(string Option, string Found, string Expected)
{
    public override string ToString() => $"{(Option.Length > 0 ? Option + ": " : "")}found {Found}, expected {Expected}";
}

/// <summary>Collects option problems; one line per rule keeps each options record's validation readable.</summary>
internal sealed class OptionProblems
{
    private readonly List<OptionProblem> _problems = [];

    public OptionProblems Require(bool ok, string option, object? found, string expected)
    {
        if (!ok) _problems.Add(new OptionProblem(option, Format(found), expected));
        return this;
    }

    public IReadOnlyList<OptionProblem> ToList() => _problems;

    private static string Format(object? value) => value switch
    {
        null => "nothing",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
