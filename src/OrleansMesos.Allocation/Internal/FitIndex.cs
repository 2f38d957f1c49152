namespace OrleansMesos.Allocation.Internal;

/// <summary>
/// Free capacity of a pool of nodes as a max-tree: each leaf is one node's free resources, each inner
/// entry the component-wise maximum below it. <see cref="FirstFit"/> finds the lowest slot at or after
/// a given one whose free resources cover a shape, pruning every subtree whose maximum cannot; an
/// update costs O(log n). Slots of removed nodes are reused.
/// </summary>
internal sealed class FitIndex
{
    private static readonly Cap Blocked = new(-1, -1, -1, -1);

    private Cap[] _tree;
    private NodeState?[] _nodes;
    private int _leaves;
    private readonly Stack<int> _freeSlots = new();

    public FitIndex(int initialLeaves = 64)
    {
        _leaves = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, initialLeaves));
        _tree = new Cap[2 * _leaves];
        Array.Fill(_tree, Blocked);
        _nodes = new NodeState?[_leaves];
    }

    /// <summary>One past the highest slot ever handed out.</summary>
    public int End { get; private set; }

    public NodeState NodeAt(int slot) => _nodes[slot] ?? throw new InvalidOperationException($"slot {slot} is empty");

    public int Add(NodeState node)
    {
        int slot;
        if (_freeSlots.Count > 0)
        {
            slot = _freeSlots.Pop();
        }
        else
        {
            if (End == _leaves)
            {
                Grow();
            }

            slot = End++;
        }

        _nodes[slot] = node;
        return slot;
    }

    public void Remove(int slot)
    {
        _nodes[slot] = null;
        Set(slot, Blocked);
        _freeSlots.Push(slot);
    }

    /// <summary>Records a node's free resources; a node that takes no grants is passed as <paramref name="schedulable"/> false.</summary>
    public void Update(int slot, in Resources free, bool schedulable) =>
        Set(slot, schedulable ? new Cap(free.MilliCpus, free.MemoryBytes, free.DiskBytes, free.Gpus) : Blocked);

    /// <summary>The lowest slot at or after <paramref name="from"/> whose free resources cover <paramref name="shape"/>, or -1.</summary>
    public int FirstFit(in Resources shape, int from)
    {
        if (from >= End)
        {
            return -1;
        }

        var want = new Cap(shape.MilliCpus, shape.MemoryBytes, shape.DiskBytes, shape.Gpus);
        return Search(1, 0, _leaves, in want, from);
    }

    private int Search(int index, int lo, int hi, in Cap want, int from)
    {
        if (hi <= from || !_tree[index].Covers(in want))
        {
            return -1;
        }

        if (hi - lo == 1)
        {
            return lo;
        }

        var mid = (lo + hi) >> 1;
        var found = Search(2 * index, lo, mid, in want, from);
        return found >= 0 ? found : Search((2 * index) + 1, mid, hi, in want, from);
    }

    private void Set(int slot, Cap value)
    {
        var i = slot + _leaves;
        _tree[i] = value;
        for (i >>= 1; i >= 1; i >>= 1)
        {
            var merged = Cap.Max(in _tree[2 * i], in _tree[(2 * i) + 1]);
            if (_tree[i] == merged)
            {
                break;
            }

            _tree[i] = merged;
        }
    }

    private void Grow()
    {
        var old = _tree;
        var oldLeaves = _leaves;
        _leaves *= 2;
        _tree = new Cap[2 * _leaves];
        Array.Fill(_tree, Blocked);
        Array.Resize(ref _nodes, _leaves);
        Array.Copy(old, oldLeaves, _tree, _leaves, oldLeaves);
        for (var i = _leaves - 1; i >= 1; i--)
        {
            _tree[i] = Cap.Max(in _tree[2 * i], in _tree[(2 * i) + 1]);
        }
    }

    private readonly record struct Cap(long Cpus, long Mem, long Disk, long Gpus)
    {
        public bool Covers(in Cap want) => Cpus >= want.Cpus && Mem >= want.Mem && Disk >= want.Disk && Gpus >= want.Gpus;

        public static Cap Max(in Cap a, in Cap b) =>
            new(Math.Max(a.Cpus, b.Cpus), Math.Max(a.Mem, b.Mem), Math.Max(a.Disk, b.Disk), Math.Max(a.Gpus, b.Gpus));
    }
}
