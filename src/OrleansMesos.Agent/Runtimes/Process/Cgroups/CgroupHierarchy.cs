using System.Globalization;
using System.Text;

namespace OrleansMesos.Agent.Runtimes.Processes.Cgroups;

/// <summary>One mounted cgroup hierarchy.</summary>
/// <param name="MountPoint">Where it is mounted.</param>
/// <param name="IsV2">True for the unified (v2) hierarchy.</param>
/// <param name="Controllers">A v1 hierarchy's controllers, from its mount options; empty for v2 (read them from <c>cgroup.controllers</c>).</param>
internal sealed record CgroupHierarchy(string MountPoint, bool IsV2, IReadOnlySet<string> Controllers)
{
    // The super options of a v1 mount that are not controllers (see the kernel's cgroup1_parse_param).
    private static readonly HashSet<string> s_v1Flags = new(StringComparer.Ordinal)
    {
        "rw", "ro", "none", "all", "noprefix", "clone_children", "cpuset_v2_mode", "xattr", "favordynmods", "nofavordynmods",
    };

    /// <summary>The cgroup hierarchies in a mount table (<c>/proc/self/mountinfo</c>'s format, see proc(5)).</summary>
    public static List<CgroupHierarchy> ParseMountInfo(string mountInfo)
    {
        var hierarchies = new List<CgroupHierarchy>();
        foreach (var line in mountInfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // id parent major:minor root mount-point options [optional fields…] - fstype source super-options
            var fields = line.Split(' ');
            var dash = Array.IndexOf(fields, "-");
            if (dash < 5 || dash + 1 >= fields.Length)
            {
                continue;
            }

            var type = fields[dash + 1];
            var mountPoint = Unescape(fields[4]);
            if (type == "cgroup2")
            {
                hierarchies.Add(new CgroupHierarchy(mountPoint, true, new HashSet<string>()));
            }
            else if (type == "cgroup" && dash + 3 < fields.Length)
            {
                var controllers = fields[dash + 3].Split(',')
                    .Where(o => !s_v1Flags.Contains(o) && !o.Contains('='))
                    .ToHashSet(StringComparer.Ordinal);
                hierarchies.Add(new CgroupHierarchy(mountPoint, false, controllers));
            }
        }

        return hierarchies;
    }

    /// <summary>
    /// Which hierarchy enforces each controller asked for: a v1 hierarchy that holds it, else the v2 one when its
    /// root offers it (<paramref name="v2Controllers"/>). A controller bound to v1 is not available in v2 (hybrid hosts).
    /// Controllers no hierarchy offers are left out.
    /// </summary>
    public static Dictionary<string, CgroupHierarchy> Choose(
        IReadOnlyList<CgroupHierarchy> hierarchies,
        IReadOnlySet<string> v2Controllers,
        IEnumerable<string> wanted)
    {
        var chosen = new Dictionary<string, CgroupHierarchy>(StringComparer.Ordinal);
        var v2 = hierarchies.FirstOrDefault(h => h.IsV2);
        foreach (var controller in wanted)
        {
            var v1 = hierarchies.FirstOrDefault(h => !h.IsV2 && h.Controllers.Contains(controller));
            if (v1 is not null)
            {
                chosen[controller] = v1;
            }
            else if (v2 is not null && v2Controllers.Contains(controller))
            {
                chosen[controller] = v2;
            }
        }

        return chosen;
    }

    // Mount points escape space, tab, newline and backslash as \ooo octal.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\'))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length
                && int.TryParse(field.AsSpan(i + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }
}
