using OrleansMesos.Agent.Detection;

namespace OrleansMesos.GpuCheck;

/// <summary>Passes the probe through and keeps its result, whose status the detector's result does not carry.</summary>
internal sealed class RecordingGpuProbe(IGpuProbe inner) : IGpuProbe
{
    public GpuProbeResult? Last { get; private set; }

    public async Task<GpuProbeResult> ProbeAsync(CancellationToken cancellationToken) =>
        Last = await inner.ProbeAsync(cancellationToken).ConfigureAwait(false);
}
