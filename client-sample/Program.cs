using System.Runtime.InteropServices;

namespace OrleansMesos.ClientSample;

/// <summary>The entry point of the sample batch framework.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Ctrl-C and SIGTERM stop the batch in order (unregister, stop a local silo, print the summary); a
        // second Ctrl-C quits at once. The source lives as long as the process: a signal may come at any moment.
        var interrupt = new CancellationTokenSource();
        var stopping = 0;
        void Stop(PosixSignalContext context)
        {
            if (Interlocked.Exchange(ref stopping, 1) == 0)
            {
                context.Cancel = true;
                Console.Error.WriteLine("client-sample: stopping (press Ctrl-C again to quit at once)");

                // Off the signal's thread: what the cancellation sets going must not run inside the handler.
                _ = Task.Run(interrupt.Cancel);
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var app = new SampleApp(Console.Out, Console.Error, TimeProvider.System);
        return await SampleCommand.InvokeAsync(args, app.RunAsync, Console.Out, Console.Error, interrupt.Token);
    }
}
