namespace OrleansMesos.Testing;

/// <summary>Programs the tests run, found on PATH.</summary>
public static class Executables
{
    /// <summary>The full path of <paramref name="name"/> on PATH.</summary>
    /// <exception cref="InvalidOperationException">It is not there; the message says how to get it (<paramref name="remedy"/>).</exception>
    public static string Find(string name, string remedy)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"{name} is not on PATH: {remedy}");
    }
}
