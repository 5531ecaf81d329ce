namespace Greenlight.Core.Dora;

/// <summary>The performance levels of a DORA metric, best first.</summary>
public enum DoraBand { Elite, High, Medium, Low }

/// <summary>
/// The performance clusters of the DORA "Accelerate State of DevOps Report 2024" (Google Cloud / DORA, October 2024),
/// the latest report that publishes them: the 2025 report ("State of AI-assisted Software Development") replaced the
/// four levels with seven team archetypes and gives no thresholds. A metric gets the best level whose value it meets.
/// In 2024 the clusters are not ordered on every metric: the medium cluster's change failure rate (10%) is better than
/// the high cluster's (20%), and medium and high share a recovery time under one day. A team meeting 10% also meets
/// high's 20%, so those two metrics report elite, high or low and never medium; docs/cli.md says so.
/// </summary>
public static class DoraBands
{
    public const string Source = "DORA Accelerate State of DevOps Report 2024";

    /// <summary>Elite: on demand (several a day); high: daily to weekly; medium: weekly to monthly; low: less often.</summary>
    public static DoraBand Frequency(double perDay) => perDay switch
    {
        >= 1 => DoraBand.Elite,
        >= 1.0 / 7 => DoraBand.High,
        >= 1.0 / 30 => DoraBand.Medium,
        _ => DoraBand.Low,
    };

    /// <summary>Elite: under a day; high: a day to a week; medium: a week to a month; low: a month to six months.</summary>
    public static DoraBand LeadTime(TimeSpan median) => median switch
    {
        _ when median < TimeSpan.FromDays(1) => DoraBand.Elite,
        _ when median < TimeSpan.FromDays(7) => DoraBand.High,
        _ when median < TimeSpan.FromDays(30) => DoraBand.Medium,
        _ => DoraBand.Low,
    };

    /// <summary>Elite 5%, high 20%, medium 10% (met by anyone meeting it as high), low 40%.</summary>
    public static DoraBand ChangeFailureRate(double rate) => rate switch
    {
        <= 0.05 => DoraBand.Elite,
        <= 0.20 => DoraBand.High,
        _ => DoraBand.Low,
    };

    /// <summary>Elite: under an hour; high and medium: under a day; low: a week to a month.</summary>
    public static DoraBand RecoveryTime(TimeSpan median) => median switch
    {
        _ when median < TimeSpan.FromHours(1) => DoraBand.Elite,
        _ when median < TimeSpan.FromDays(1) => DoraBand.High,
        _ => DoraBand.Low,
    };
}
