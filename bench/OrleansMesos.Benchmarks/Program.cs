using System.CommandLine;
using OrleansMesos.Benchmarks.Cluster;
using OrleansMesos.Benchmarks.Mesos;
using OrleansMesos.Benchmarks.Micro;

var root = new RootCommand("OrleansMesos benchmarks. Run with -c Release.")
{
    MesosCommand.Create(),
    BdnCommand.Create(),
    ClusterCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
