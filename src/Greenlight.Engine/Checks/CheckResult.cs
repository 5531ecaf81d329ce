using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Checks;

/// <summary>
/// One check's outcome. On failure <paramref name="FailedStep"/> names the step and <paramref name="Reason"/> says
/// precisely what went wrong, without request headers or bodies and with at most a short excerpt of the response.
/// </summary>
public sealed record CheckResult(string Check, bool Passed, TimeSpan Duration, string? FailedStep, string? Reason)
{
    public override string ToString() => Passed
        ? $"{Check} passed in {DurationText.Format(Duration)}"
        : $"{Check} failed at step \"{FailedStep}\" after {DurationText.Format(Duration)}: {Reason}";
}
