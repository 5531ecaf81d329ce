namespace Greenlight.Core.Analysis;

/// <summary>The built-in judges, keyed by the name the manifest uses for them.</summary>
public static class Judges
{
    public const string ErrorRate = "errorRate";
    public const string Latency = "latency";
    public const string Threshold = "threshold";

    public static IReadOnlyList<string> Names { get; } = [ErrorRate, Latency, Threshold];

    /// <summary>
    /// The judge named <paramref name="name"/> with <paramref name="options"/> (null: its defaults).
    /// Throws <see cref="ArgumentException"/> for an unknown name, options of another judge, or options out of range.
    /// </summary>
    public static IJudge Create(string name, JudgeOptions? options = null) => name switch
    {
        ErrorRate => new ErrorRateJudge(Valid<ErrorRateJudgeOptions>(name, options)),
        Latency => new LatencyJudge(Valid<LatencyJudgeOptions>(name, options)),
        Threshold => new ThresholdJudge(Valid<ThresholdJudgeOptions>(name, options)),
        _ => throw Unknown(name),
    };

    /// <summary>
    /// The judge named <paramref name="name"/> with its options as the manifest writes them
    /// (<c>{alpha: "0.01"}</c>); absent options keep their defaults. Throws like the typed overload,
    /// or for an option the judge does not have or cannot read.
    /// </summary>
    public static IJudge Create(string name, IReadOnlyDictionary<string, string> options)
    {
        var (typed, problems) = Read(name, options);
        return problems.Count == 0 ? Create(name, typed) : throw Invalid(name, problems);
    }

    /// <summary>Every problem with the options as the manifest writes them; empty when <see cref="Create(string, IReadOnlyDictionary{string, string})"/> will succeed.</summary>
    public static IReadOnlyList<OptionProblem> Validate(string name, IReadOnlyDictionary<string, string> options) => Read(name, options).Problems;

    private static (JudgeOptions Options, IReadOnlyList<OptionProblem> Problems) Read(string name, IReadOnlyDictionary<string, string> options) => name switch
    {
        ErrorRate => OptionFields.Read(options, ErrorRateJudgeOptions.Fields),
        Latency => OptionFields.Read(options, LatencyJudgeOptions.Fields),
        Threshold => OptionFields.Read(options, ThresholdJudgeOptions.Fields),
        _ => throw Unknown(name),
    };

    private static T Valid<T>(string name, JudgeOptions? options) where T : JudgeOptions, new()
    {
        var typed = options switch
        {
            null => new T(),
            T t => t,
            _ => throw new ArgumentException($"judge {name} takes {typeof(T).Name}, not {options.GetType().Name}", nameof(options)),
        };
        var problems = typed.Validate();
        return problems.Count == 0 ? typed : throw Invalid(name, problems);
    }

    private static ArgumentException Unknown(string name) =>
        new($"unknown judge \"{name}\"; expected one of {string.Join(", ", Names)}", nameof(name));

    private static ArgumentException Invalid(string name, IReadOnlyList<OptionProblem> problems) =>
        new($"judge {name}: {string.Join("; ", problems)}", "options");
}
