using Greenlight.Core.Dora;

namespace Greenlight.Core.Tests.Dora;

/// <summary>The thresholds of the 2024 DORA report's performance clusters.</summary>
public class DoraBandsTests
{
    [Theory]
    [InlineData(3.0, DoraBand.Elite)]
    [InlineData(0.5, DoraBand.High)]
    [InlineData(0.1, DoraBand.Medium)]
    [InlineData(0.01, DoraBand.Low)]
    public void Frequency_PerDay_GivesTheClusterMet(double perDay, DoraBand band) => Assert.Equal(band, DoraBands.Frequency(perDay));

    [Theory]
    [InlineData(2, DoraBand.Elite)]
    [InlineData(48, DoraBand.High)]
    [InlineData(24 * 10, DoraBand.Medium)]
    [InlineData(24 * 60, DoraBand.Low)]
    public void LeadTime_Hours_GivesTheClusterMet(double hours, DoraBand band) => Assert.Equal(band, DoraBands.LeadTime(TimeSpan.FromHours(hours)));

    [Theory]
    [InlineData(0.05, DoraBand.Elite)]
    [InlineData(0.10, DoraBand.High)]
    [InlineData(0.20, DoraBand.High)]
    [InlineData(0.40, DoraBand.Low)]
    public void ChangeFailureRate_GivesTheBestClusterMet(double rate, DoraBand band) => Assert.Equal(band, DoraBands.ChangeFailureRate(rate));

    [Theory]
    [InlineData(0.5, DoraBand.Elite)]
    [InlineData(5, DoraBand.High)]
    [InlineData(24 * 8, DoraBand.Low)]
    public void RecoveryTime_Hours_GivesTheClusterMet(double hours, DoraBand band) => Assert.Equal(band, DoraBands.RecoveryTime(TimeSpan.FromHours(hours)));
}
