using OrleansMesos.GpuCheck;

return await HostCheck.RunAsync(args, Console.Out, Console.Error);
