// Placeholder: the silo host (Orleans silo + node agent) is built by the host issue.
// It exists now so that the solution has its final shape; it refuses to pretend to be a cluster.
Console.Error.WriteLine("omsilo: the silo host is not built yet; try the allocation engine with `omctl simulate examples/capacity-plan.json`.");
return 1;
