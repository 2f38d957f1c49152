namespace OrleansMesos.Allocation.Internal;

/// <summary>An item that knows where it sits in one <see cref="IndexedHeap{T}"/>, and its sort key.</summary>
internal abstract class HeapItem
{
    /// <summary>Position in the heap, or -1 when not in one.</summary>
    public int HeapIndex = -1;

    /// <summary>The primary key: a share; lower comes first.</summary>
    public double Key;

    /// <summary>Breaks ties between equal keys; drawn from the engine's seeded randomiser.</summary>
    public long Tie;

    public bool IsBefore(HeapItem other) => Key < other.Key || (Key == other.Key && Tie < other.Tie);
}

/// <summary>
/// A binary min-heap whose items carry their own position, so that a changed key or a removal costs
/// O(log n) without a search. An item sits in at most one heap at a time.
/// </summary>
internal sealed class IndexedHeap<T>
    where T : HeapItem
{
    private T[] _items = new T[8];

    public int Count { get; private set; }

    public T Peek() => Count > 0 ? _items[0] : throw new InvalidOperationException("the heap is empty");

    public bool Contains(T item) => item.HeapIndex >= 0 && item.HeapIndex < Count && ReferenceEquals(_items[item.HeapIndex], item);

    /// <summary>Empties the heap, marking every item as outside it.</summary>
    public void Clear()
    {
        for (var i = 0; i < Count; i++)
        {
            _items[i].HeapIndex = -1;
            _items[i] = null!;
        }

        Count = 0;
    }

    /// <summary>Adds without restoring order; call <see cref="Heapify"/> after a batch of these.</summary>
    public void AddUnordered(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        item.HeapIndex = Count;
        _items[Count++] = item;
    }

    /// <summary>Restores heap order over everything added, in linear time.</summary>
    public void Heapify()
    {
        for (var i = (Count / 2) - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    public void Push(T item)
    {
        AddUnordered(item);
        SiftUp(Count - 1);
    }

    /// <summary>Moves an item whose key changed to its right place.</summary>
    public void Update(T item)
    {
        var i = item.HeapIndex;
        if (i > 0 && item.IsBefore(_items[(i - 1) / 2]))
        {
            SiftUp(i);
        }
        else
        {
            SiftDown(i);
        }
    }

    public void Remove(T item)
    {
        var i = item.HeapIndex;
        var last = --Count;
        item.HeapIndex = -1;
        if (i != last)
        {
            var moved = _items[last];
            _items[i] = moved;
            moved.HeapIndex = i;
            _items[last] = null!;
            Update(moved);
        }
        else
        {
            _items[last] = null!;
        }
    }

    private void SiftUp(int i)
    {
        var item = _items[i];
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!item.IsBefore(_items[parent]))
            {
                break;
            }

            _items[i] = _items[parent];
            _items[i].HeapIndex = i;
            i = parent;
        }

        _items[i] = item;
        item.HeapIndex = i;
    }

    private void SiftDown(int i)
    {
        var item = _items[i];
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _items[child + 1].IsBefore(_items[child]))
            {
                child++;
            }

            if (!_items[child].IsBefore(item))
            {
                break;
            }

            _items[i] = _items[child];
            _items[i].HeapIndex = i;
            i = child;
        }

        _items[i] = item;
        item.HeapIndex = i;
    }
}
