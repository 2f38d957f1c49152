namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>
/// Prints the lines Mesos prints, in its words ("offers" become "grants"). With
/// <paramref name="every"/> above 1 only every n-th round is printed, plus the rounds where grants stop
/// or start again (so the first all-filtered round always shows).
/// </summary>
internal sealed class RoundPrinter(TextWriter output, int every)
{
    private int _lastGrants = -1;

    public void Setup(RunResult run)
    {
        _lastGrants = -1;
        output.WriteLine();
        output.WriteLine($"== {run.Workload} {run.Size} on the {run.Allocator}");
        output.WriteLine($"Added {run.Frameworks:N0} frameworks in {Stats.Ms(run.FrameworksAdded.TotalMilliseconds)}");
        output.WriteLine($"Added {run.Agents:N0} agents (with their used resources) in {Stats.Ms(run.AgentsAdded.TotalMilliseconds)}");
    }

    public void Decline(in Round round)
    {
        if (Shows(round))
        {
            var ff = round.AfterFastForward ? " [after fast-forward]" : string.Empty;
            output.WriteLine(
                $"round {round.Index} allocate() took {Stats.Ms(round.Cycle.TotalMilliseconds)} to make {round.Grants:N0} grants " +
                $"after filtering {round.Filters:N0} grants (declines took {Stats.Ms(round.Declines.TotalMilliseconds)}){Gc(round)}{ff}");
        }
    }

    public void Suppress(in Round round, int frameworks)
    {
        output.WriteLine(
            $"round {round.Index} allocate() took {Stats.Ms(round.Cycle.TotalMilliseconds)} to make {round.Grants:N0} grants " +
            $"with {round.Filters:N0} out of {frameworks:N0} frameworks suppressing grants{Gc(round)}");
    }

    public void FastForward(long added, TimeSpan took) =>
        output.WriteLine($"-- round cap reached: filed the remaining {added:N0} filters directly in {Stats.Ms(took.TotalMilliseconds)}");

    public void Note(string line) => output.WriteLine(line);

    private static string Gc(in Round round) => round.Collections > 0 ? $" [{round.Collections} GC in the cycle]" : string.Empty;

    private bool Shows(in Round round)
    {
        var changed = (round.Grants == 0) != (_lastGrants == 0);
        _lastGrants = round.Grants;
        return every <= 1 || round.Index % every == 0 || changed || round.AfterFastForward;
    }
}
