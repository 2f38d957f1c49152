using System.CommandLine;
using OrleansMesos.Benchmarks.Cluster;
using OrleansMesos.Benchmarks.Mesos;
using OrleansMesos.Benchmarks.Micro;
using OrleansMesos.Benchmarks.Silos;

var root = new RootCommand("OrleansMesos benchmarks. Run with -c Release.")
{
    MesosCommand.Create(),
    BdnCommand.Create(),
    ClusterCommand.Create(),
    SilosCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
