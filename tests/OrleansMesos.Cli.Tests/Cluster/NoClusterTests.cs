using System.Globalization;

namespace OrleansMesos.Cli.Tests.Cluster;

/// <summary>omctl where no cluster answers, and connection options it refuses before trying.</summary>
public sealed class NoClusterTests
{
    [Fact]
    public void NoClusterAtTheGateway_ExitsWith1_NamingTheGateway()
    {
        var gateway = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{OrleansMesos.Testing.Loopback.FreePort()}");

        var (exitCode, output, error) = Omctl.Run("nodes", "--gateway", gateway, "--timeout", "2", "-o", "json");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.StartsWith($"error: no OrleansMesos cluster answers at {gateway} (cluster id 'orleansmesos', service id 'orleansmesos', waited up to 2 s): ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--gateway", "localhost", "error: --gateway: must be host:port with a port between 1 and 65535 (localhost)")]
    [InlineData("--gateway", "localhost:0", "error: --gateway: must be host:port with a port between 1 and 65535 (localhost:0)")]
    [InlineData("--gateway", "::1:30000", "error: --gateway: must be host:port with a port between 1 and 65535 (an IPv6 address in brackets: [::1]:30000) (::1:30000)")]
    public void ABadGateway_ExitsWith2_BeforeConnecting(string option, string value, string message)
    {
        var (exitCode, _, error) = Omctl.Run("nodes", option, value);

        Assert.Equal(2, exitCode);
        Assert.Equal(message, error.Trim());
    }

    [Fact]
    public void ABadTimeout_ExitsWith2()
    {
        var (exitCode, _, error) = Omctl.Run("leases", "--timeout", "0");

        Assert.Equal(2, exitCode);
        Assert.Contains("--timeout: must be a number of seconds greater than 0 and at most 3600", error, StringComparison.Ordinal);
    }

    // A deadline out of range is refused by name before anything is asked of a cluster (none answers here).
    [Theory]
    [InlineData("-1", "error: --deadline: must be a number of seconds between 0 and 86400 (-1)")]
    [InlineData("86401", "error: --deadline: must be a number of seconds between 0 and 86400 (86401)")]
    public void ADrainDeadlineOutOfRange_ExitsWith2_BeforeConnecting(string seconds, string message)
    {
        var gateway = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{OrleansMesos.Testing.Loopback.FreePort()}");

        var (exitCode, output, error) = Omctl.Run("drain", "n1", "--deadline", seconds, "--gateway", gateway, "--timeout", "2");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Equal(message, error.Trim());
    }
}
