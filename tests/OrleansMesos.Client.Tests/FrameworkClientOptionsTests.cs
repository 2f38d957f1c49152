using OrleansMesos.Errors;

namespace OrleansMesos.Client.Tests;

public sealed class FrameworkClientOptionsTests
{
    [Fact]
    public void TheRegistration_TakesTheOptions_AndTheNameDefaultsToTheId()
    {
        var options = new FrameworkClientOptions { Id = new FrameworkId("batch"), Principal = "ops", GpuCapable = true };

        var registration = options.ToRegistration();

        Assert.Equal(new FrameworkRegistration(new FrameworkId("batch"), "batch", new RoleName("default"), "ops", true, TimeSpan.FromMinutes(1)), registration);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RefreshInterval);
    }

    public static TheoryData<FrameworkClientOptions, string> Invalid() => new()
    {
        { new FrameworkClientOptions { Id = default }, "Id" },
        { new FrameworkClientOptions { Id = new FrameworkId("f"), Name = " " }, "Name" },
        { new FrameworkClientOptions { Id = new FrameworkId("f"), Principal = "" }, "Principal" },
        { new FrameworkClientOptions { Id = new FrameworkId("f"), FailoverTimeout = TimeSpan.FromSeconds(-1) }, "FailoverTimeout" },
        { new FrameworkClientOptions { Id = new FrameworkId("f"), RefreshInterval = TimeSpan.Zero }, "RefreshInterval" },
        { new FrameworkClientOptions { Id = new FrameworkId("f"), MaxAttempts = 0 }, "MaxAttempts" },
        { new FrameworkClientOptions { Id = new FrameworkId("f"), RetryDelay = TimeSpan.FromSeconds(-1) }, "RetryDelay" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void AnInvalidOption_IsRefusedByName(FrameworkClientOptions options, string field)
    {
        var error = Assert.Throws<InvalidFieldException>(options.Validate);

        Assert.Equal(field, error.Field);
    }
}
