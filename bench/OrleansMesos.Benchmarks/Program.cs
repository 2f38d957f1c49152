using System.CommandLine;
using OrleansMesos.Benchmarks.Mesos;
using OrleansMesos.Benchmarks.Micro;

var root = new RootCommand("OrleansMesos allocation benchmarks. Run with -c Release.")
{
    MesosCommand.Create(),
    BdnCommand.Create(),
};
return root.Parse(args).Invoke();
