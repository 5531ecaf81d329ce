using System.Globalization;

namespace Greenlight.Core.Delivery;

/// <summary>The effects and log lines of one decision, gathered while its stages change.</summary>
internal sealed class Journal
{
    public List<ReleaseEffect> Effects { get; } = [];

    public List<string> Log { get; } = [];

    public string? Refused { get; private set; }

    public bool Forbidden { get; private set; }

    /// <summary>Refused because of who asked, not because of where the release is.</summary>
    public void Forbid(string reason)
    {
        Refuse(reason);
        Forbidden = true;
    }

    public void Refuse(string reason)
    {
        Refused = reason;
        Log.Add("refused: " + reason);
    }

    /// <summary>An instant as a reason shows it: UTC, to the second.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A wave as users count it: from 1.</summary>
    public static string Wave(Stage s, int wave) => $"wave {wave + 1}/{s.Plan.Waves.Count}";
}
