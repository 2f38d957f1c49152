using System.Collections.Concurrent;
using OrleansMesos.ClientSample.Batch;
using Spectre.Console;

namespace OrleansMesos.ClientSample.Rendering;

/// <summary>
/// Shows a batch's progress until it ends: a live bar with the counts on a terminal, plain lines elsewhere
/// (one whenever the counts change, at most every <see cref="PlainInterval"/>). Notes (retries, refusals)
/// are written as lines of their own in both.
/// </summary>
internal sealed class ProgressView(IAnsiConsole console, bool interactive, TimeProvider time)
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentQueue<string> _notes = new();

    /// <summary>Queues a note; it is written by the view's own loop, never across a live redraw.</summary>
    public void Note(string text) => _notes.Enqueue(text);

    /// <summary>Shows <paramref name="counts"/> until <paramref name="run"/> ends, then once more.</summary>
    public Task ShowAsync(Func<BatchCounts> counts, Task run) =>
        interactive ? LiveAsync(counts, run) : PlainAsync(counts, run);

    private async Task PlainAsync(Func<BatchCounts> counts, Task run)
    {
        var started = time.GetTimestamp();
        BatchCounts? shown = null;
        while (true)
        {
            var finished = run.IsCompleted;
            WriteNotes();
            var now = counts();
            if (now != shown)
            {
                console.WriteLine(ProgressText.Line(now, time.GetElapsedTime(started)));
                shown = now;
            }

            if (finished)
            {
                return;
            }

            await Task.WhenAny(run, Task.Delay(PlainInterval, time));
        }
    }

    private Task LiveAsync(Func<BatchCounts> counts, Task run) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var first = counts();
                var bar = context.AddTask(Describe(first), maxValue: first.Total);
                while (true)
                {
                    var finished = run.IsCompleted;
                    WriteNotes();
                    var now = counts();
                    bar.Description = Describe(now);
                    bar.Value = now.Done;
                    context.Refresh();
                    if (finished)
                    {
                        bar.StopTask();
                        return;
                    }

                    await Task.WhenAny(run, Task.Delay(LiveInterval, time));
                }
            });

    private static string Describe(BatchCounts c) =>
        $"pending [yellow]{c.Pending}[/]  running [blue]{c.Running}[/]  succeeded [green]{c.Succeeded}[/]  failed [red]{c.Failed}[/]  lost [red]{c.Lost}[/]  retries {c.Retries}";

    private void WriteNotes()
    {
        while (_notes.TryDequeue(out var note))
        {
            console.WriteLine(note);
        }
    }
}
