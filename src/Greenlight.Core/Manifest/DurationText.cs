using System.Globalization;
using System.Text;

namespace Greenlight.Core.Manifest;

/// <summary>
/// Durations as written in the manifest and shown to users: whole numbers with units, largest unit first,
/// each unit at most once — <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>24h</c>, <c>1h30m</c>.
/// </summary>
public static class DurationText
{
    // "ms" is tried before "m" so that 250ms is not read as 250 minutes followed by garbage.
    private static readonly (string Suffix, long Ticks)[] Units =
    [
        ("h", TimeSpan.TicksPerHour),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
    ];

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text.Length == 0)
        {
            return false;
        }

        var rest = text.AsSpan();
        var previousUnit = long.MaxValue;
        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            if (digits == 0 || !long.TryParse(rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            rest = rest[digits..];
            var (suffix, ticks) = UnitAt(rest);
            if (suffix is null || ticks >= previousUnit || amount > (TimeSpan.MaxValue.Ticks - value.Ticks) / ticks)
            {
                return false;
            }

            rest = rest[suffix.Length..];
            previousUnit = ticks;
            value += TimeSpan.FromTicks(amount * ticks);
        }

        return true;
    }

    /// <summary>The inverse of <see cref="TryParse"/>; sub-millisecond parts are dropped.</summary>
    public static string Format(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        var text = new StringBuilder();
        var rest = value.Ticks;
        foreach (var (suffix, ticks) in Units.OrderByDescending(u => u.Ticks))
        {
            if (rest >= ticks)
            {
                text.Append(CultureInfo.InvariantCulture, $"{rest / ticks}{suffix}");
                rest %= ticks;
            }
        }

        return text.Length == 0 ? "0s" : text.ToString();
    }

    /// <summary>To the precision a measured duration is worth showing: whole seconds from 1 s on, else whole milliseconds.</summary>
    public static TimeSpan Round(TimeSpan value) => value >= TimeSpan.FromSeconds(1)
        ? TimeSpan.FromSeconds(Math.Round(value.TotalSeconds))
        : TimeSpan.FromMilliseconds(Math.Round(value.TotalMilliseconds));

    private static (string? Suffix, long Ticks) UnitAt(ReadOnlySpan<char> text)
    {
        foreach (var unit in Units)
        {
            if (text.StartsWith(unit.Suffix, StringComparison.Ordinal))
            {
                return unit;
            }
        }

        return (null, 0);
    }
}
