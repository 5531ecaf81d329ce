using System.Globalization;
using System.Text.RegularExpressions;
using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary><c>run.resources</c>: the limits of each container, <c>{ cpus: "0.5", memory: 256Mi }</c>.</summary>
internal static partial class ResourcesSection
{
    private static readonly Scalar<decimal?> Cpus = new("a positive number of CPUs such as 0.5 or 2", (string text, out decimal? value) =>
    {
        var ok = decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus) && cpus > 0 && cpus <= 1024;
        value = ok ? cpus : null;
        return ok;
    });

    private static readonly Scalar<long?> Memory = new("an amount of memory such as 256Mi, 1Gi or 512M (Ki, Mi, Gi, Ti, k, M, G, T or bytes)",
        (string text, out long? value) =>
        {
            value = Bytes(text);
            return value is > 0;
        });

    public static ResourceLimits Read(NodeReader r) =>
        new(r.Optional("cpus", Cpus, null), r.Optional("memory", Memory, null));

    /// <summary>Kubernetes' quantity suffixes: binary (Ki..Ti) and decimal (k..T); null for anything else or an overflow.</summary>
    private static long? Bytes(string text)
    {
        if (QuantityPattern().Match(text) is not { Success: true } m
            || !long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return null;
        var unit = m.Groups[2].Value switch
        {
            "" => 1L, "k" => 1000L, "M" => 1000_000L, "G" => 1000_000_000L, "T" => 1000_000_000_000L,
            "Ki" => 1L << 10, "Mi" => 1L << 20, "Gi" => 1L << 30, _ => 1L << 40,
        };
        return number <= long.MaxValue / unit ? number * unit : null;
    }

    [GeneratedRegex("^([0-9]{1,18})(Ki|Mi|Gi|Ti|k|M|G|T)?$")]
    private static partial Regex QuantityPattern();
}
