using System.Text;
using OrleansMesos.Agent.Detection;

namespace OrleansMesos.Agent.Tests.Detection;

public sealed class NvmlGpuProbeTests
{
    private const ulong H200Memory = 143771UL * 1024 * 1024;

    [Fact]
    public void MapsEveryDeviceNvmlReports()
    {
        var nvml = new FakeNvml(
            new FakeGpu("GPU-aaaaaaaa-1111-2222-3333-444444444444", "NVIDIA H200", H200Memory),
            new FakeGpu("GPU-bbbbbbbb-1111-2222-3333-444444444444", "NVIDIA H100 80GB HBM3", 81559UL * 1024 * 1024));

        var result = NvmlGpuProbe.Probe(nvml, TestContext.Current.CancellationToken);

        Assert.Equal(GpuProbeStatus.Ok, result.Status);
        Assert.Equal(
            [
                new GpuDevice(0, "GPU-aaaaaaaa-1111-2222-3333-444444444444", "NVIDIA H200", 143771L * 1024 * 1024),
                new GpuDevice(1, "GPU-bbbbbbbb-1111-2222-3333-444444444444", "NVIDIA H100 80GB HBM3", 81559L * 1024 * 1024),
            ],
            result.Devices);
        Assert.Equal("NVML (driver 580.82.07): 2 device(s)", result.Source);
        Assert.Equal((1, 1), (nvml.Inits, nvml.Shutdowns));
    }

    [Fact]
    public void ADriverWithoutAVersionFunctionStillCounts()
    {
        var nvml = new FakeNvml { DriverVersion = null };

        var result = NvmlGpuProbe.Probe(nvml, TestContext.Current.CancellationToken);

        Assert.Equal(GpuProbeStatus.Ok, result.Status);
        Assert.Empty(result.Devices);
        Assert.Equal("NVML: 0 device(s)", result.Source);
    }

    [Fact]
    public void AFailedInitIsNamedAndNotShutDown()
    {
        var nvml = new FakeNvml(new FakeGpu("GPU-a", "x", 1)) { InitRc = (int)NvmlReturn.DriverNotLoaded };

        var result = NvmlGpuProbe.Probe(nvml, TestContext.Current.CancellationToken);

        Assert.Equal(GpuProbeStatus.Failed, result.Status);
        Assert.Empty(result.Devices);
        Assert.Equal("NVML: nvmlInit_v2 failed: NVML_ERROR_DRIVER_NOT_LOADED (9): the NVIDIA kernel driver is not running", result.Source);
        Assert.Equal(0, nvml.Shutdowns);
    }

    [Fact]
    public void AFailedCountIsNamedAndShutsDown()
    {
        var nvml = new FakeNvml { CountRc = (int)NvmlReturn.Unknown };

        var result = NvmlGpuProbe.Probe(nvml, TestContext.Current.CancellationToken);

        Assert.Equal(GpuProbeStatus.Failed, result.Status);
        Assert.Equal("NVML (driver 580.82.07): nvmlDeviceGetCount_v2 failed: NVML_ERROR_UNKNOWN (999): an internal driver error", result.Source);
        Assert.Equal(1, nvml.Shutdowns);
    }

    [Theory]
    [InlineData(15, 0, 0, 0, "nvmlDeviceGetHandleByIndex_v2 failed: NVML_ERROR_GPU_IS_LOST (15)")]
    [InlineData(0, 4, 0, 0, "nvmlDeviceGetUUID failed: NVML_ERROR_NO_PERMISSION (4)")]
    [InlineData(0, 0, 7, 0, "nvmlDeviceGetName failed: NVML_ERROR_INSUFFICIENT_SIZE (7)")]
    [InlineData(0, 0, 0, 3, "nvmlDeviceGetMemoryInfo failed: NVML_ERROR_NOT_SUPPORTED (3)")]
    public void ADeviceThatCannotBeReadIsLeftOutAndNamed(int handleRc, int uuidRc, int nameRc, int memoryRc, string failure)
    {
        var nvml = new FakeNvml(
            new FakeGpu("GPU-a", "NVIDIA H200", H200Memory),
            new FakeGpu("GPU-b", "NVIDIA H200", H200Memory, handleRc, uuidRc, nameRc, memoryRc));

        var result = NvmlGpuProbe.Probe(nvml, TestContext.Current.CancellationToken);

        Assert.Equal(GpuProbeStatus.Degraded, result.Status);
        Assert.Equal(["GPU-a"], result.Devices.Select(d => d.Uuid));
        Assert.StartsWith($"NVML (driver 580.82.07): 2 device(s), left out: device 1: {failure}: ", result.Source, StringComparison.Ordinal);
        Assert.Equal(1, nvml.Shutdowns);
    }

    [Fact]
    public async Task AnAbsentLibraryIsNoGpusAndNoError()
    {
        var probe = new NvmlGpuProbe(() => new NvmlLoad(null, GpuProbeStatus.Absent, "NVML: libnvidia-ml.so.1 not found"));

        var result = await probe.ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Equal(GpuProbeStatus.Absent, result.Status);
        Assert.Empty(result.Devices);
        Assert.Equal("NVML: libnvidia-ml.so.1 not found", result.Source);
    }

    [Fact]
    public async Task TheLoadedLibraryIsReleasedAfterTheProbe()
    {
        var nvml = new FakeNvml(new FakeGpu("GPU-a", "NVIDIA H200", H200Memory));
        var probe = new NvmlGpuProbe(() => new NvmlLoad(nvml, GpuProbeStatus.Ok, string.Empty));

        var result = await probe.ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Single(result.Devices);
        Assert.True(nvml.Disposed);
    }

    [Fact]
    public void CancellationStopsBetweenDevicesAndStillShutsDown()
    {
        var nvml = new FakeNvml(new FakeGpu("GPU-a", "x", 1), new FakeGpu("GPU-b", "x", 1));

        Assert.Throws<OperationCanceledException>(() => NvmlGpuProbe.Probe(nvml, new CancellationToken(canceled: true)));
        Assert.Equal(1, nvml.Shutdowns);
    }

    [Fact]
    public void TheRealLibraryIsAbsentOrLoadsWithoutThrowing()
    {
        // These build machines have no NVIDIA driver; a GPU host has one. Either way TryLoad answers, never throws.
        var present = System.Runtime.InteropServices.NativeLibrary.TryLoad(NvmlNative.LibraryName, out var handle);
        if (present)
        {
            System.Runtime.InteropServices.NativeLibrary.Free(handle);
        }

        var load = NvmlNative.TryLoad();
        using var api = load.Api;

        if (present)
        {
            Assert.NotEqual(GpuProbeStatus.Absent, load.Status);
        }
        else
        {
            Assert.Null(load.Api);
            Assert.Equal(GpuProbeStatus.Absent, load.Status);
            Assert.Equal("NVML: libnvidia-ml.so.1 not found, so no NVIDIA driver on this host", load.Problem);
        }
    }

    [Theory]
    [InlineData("GPU-abc\0garbage after the end", "GPU-abc")]
    [InlineData("NVIDIA H200", "NVIDIA H200")]
    [InlineData("\0", "")]
    public void TextEndsAtTheFirstNul(string buffer, string expected) =>
        Assert.Equal(expected, NvmlText.FromBuffer(Encoding.UTF8.GetBytes(buffer)));

    [Theory]
    [InlineData(0, "NVML_SUCCESS (0)")]
    [InlineData(9, "NVML_ERROR_DRIVER_NOT_LOADED (9): the NVIDIA kernel driver is not running")]
    [InlineData(18, "NVML_ERROR_LIB_RM_VERSION_MISMATCH (18): NVML and the kernel driver are of different versions (reboot or reload the driver)")]
    [InlineData(999, "NVML_ERROR_UNKNOWN (999): an internal driver error")]
    [InlineData(31, "NVML return code 31 (not known to this agent)")]
    [InlineData(-1, "NVML return code -1 (not known to this agent)")]
    public void DescribesReturnCodes(int code, string text) => Assert.Equal(text, NvmlErrors.Describe(code));

    [Fact]
    public void EveryKnownReturnCodeHasItsOwnText()
    {
        var texts = Enum.GetValues<NvmlReturn>().Select(c => NvmlErrors.Describe((int)c)).ToList();

        Assert.Equal(32, texts.Count);
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.DoesNotContain(texts, t => t.Contains("not known", StringComparison.Ordinal));
    }
}
