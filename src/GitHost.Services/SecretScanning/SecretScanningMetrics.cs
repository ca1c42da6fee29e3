using System.Diagnostics.Metrics;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// The <c>GitHost.SecretScanning</c> meter (the SLI "secret scan hits"): findings by rule and action,
/// and scans cut short by a bound. Read it with <c>dotnet-counters monitor --counters GitHost.SecretScanning</c>
/// or any OpenTelemetry exporter listening to that meter.
/// </summary>
public sealed class SecretScanningMetrics
{
    public const string MeterName = "GitHost.SecretScanning";

    private readonly Counter<long> _findings;
    private readonly Counter<long> _incomplete;
    private readonly Histogram<double> _duration;

    public SecretScanningMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _findings = meter.CreateCounter<long>("githost.secret_scanning.findings", "{finding}", "Secrets found in pushed commits");
        _incomplete = meter.CreateCounter<long>("githost.secret_scanning.incomplete", "{push}", "Pushes only partly scanned because a bound was reached");
        _duration = meter.CreateHistogram<double>("githost.secret_scanning.duration", "ms", "Time spent scanning one push");
    }

    public void Found(SecretFinding finding) =>
        _findings.Add(1, new KeyValuePair<string, object?>("rule", finding.RuleName), new KeyValuePair<string, object?>("action", finding.Action.ToString()));

    public void Incomplete(string reason) => _incomplete.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Scanned(double milliseconds) => _duration.Record(milliseconds);
}
