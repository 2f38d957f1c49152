using System.CommandLine;
using OrleansMesos.Cli.Connection;
using OrleansMesos.Cli.Simulate;
using OrleansMesos.Errors;

namespace OrleansMesos.Cli.Cluster;

/// <summary>
/// The options every command on a live cluster takes: where the cluster is (<c>--gateway</c>, repeatable;
/// <c>--cluster-id</c>, <c>--service-id</c>), how long to wait (<c>--timeout</c>) and how to print (<c>-o</c>).
/// </summary>
internal sealed class ClusterOptions
{
    private const string TableFormat = "table";
    private const string JsonFormat = "json";

    private readonly Option<string[]> _gateways = new("--gateway", "-g")
    {
        Description = "A silo's gateway, host:port; repeat it to give several.",
        Arity = ArgumentArity.OneOrMore,
        DefaultValueFactory = _ => [GatewayAddress.Default],
    };

    private readonly Option<string> _clusterId = new("--cluster-id")
    {
        Description = "The Orleans cluster id the silos run with.",
        DefaultValueFactory = _ => ConnectionSettings.DefaultId,
    };

    private readonly Option<string> _serviceId = new("--service-id")
    {
        Description = "The Orleans service id the silos run with.",
        DefaultValueFactory = _ => ConnectionSettings.DefaultId,
    };

    private readonly Option<double> _timeout = new("--timeout")
    {
        Description = "Seconds to wait for the cluster: to connect, and for each call.",
        DefaultValueFactory = _ => ConnectionSettings.DefaultTimeoutSeconds,
    };

    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = "How to print: tables for people, or one JSON object for programs.",
        DefaultValueFactory = _ => TableFormat,
    };

    /// <summary>Creates the options.</summary>
    public ClusterOptions()
    {
        _output.AcceptOnlyFromAmong(TableFormat, JsonFormat);
        _timeout.Validators.Add(result =>
        {
            var seconds = result.GetValueOrDefault<double>();
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > 3600)
            {
                result.AddError("--timeout: must be a number of seconds greater than 0 and at most 3600");
            }
        });
        foreach (var id in new[] { _clusterId, _serviceId })
        {
            id.Validators.Add(result =>
            {
                if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
                {
                    result.AddError($"{id.Name}: must not be empty");
                }
            });
        }
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_gateways);
        command.Options.Add(_clusterId);
        command.Options.Add(_serviceId);
        command.Options.Add(_timeout);
        command.Options.Add(_output);
    }

    /// <summary>How to print, as asked.</summary>
    public OutputFormat Format(ParseResult parse) => parse.GetValue(_output) == JsonFormat ? OutputFormat.Json : OutputFormat.Table;

    /// <summary>The connection settings, as asked.</summary>
    /// <exception cref="InvalidFieldException">A gateway is not host:port.</exception>
    public ConnectionSettings Connection(ParseResult parse) => new(
        [.. (parse.GetValue(_gateways) ?? []).Select(GatewayAddress.Parse)],
        parse.GetValue(_clusterId)!.Trim(),
        parse.GetValue(_serviceId)!.Trim(),
        TimeSpan.FromSeconds(parse.GetValue(_timeout)));
}
