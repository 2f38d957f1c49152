using System.Numerics;

namespace OrleansMesos.Allocation.Internal;

/// <summary>
/// The nodes one framework declined with a filter: a bit per slot of each pool for the fast check and
/// the leap to the next unfiltered slot, plus the expiry of each filter that has one.
/// </summary>
internal sealed class FilterSet
{
    private readonly ulong[][] _bits = [[], []];
    private readonly Dictionary<(int Pool, int Slot), long> _expiries = [];

    public int Count { get; private set; }

    public bool Has(int pool, int slot)
    {
        var words = _bits[pool];
        var w = slot >> 6;
        return w < words.Length && (words[w] & (1UL << slot)) != 0;
    }

    /// <summary>Filters a slot until <paramref name="expiresAt"/> (timestamp ticks), or until cleared when null.</summary>
    public void Add(int pool, int slot, long? expiresAt)
    {
        ref var words = ref _bits[pool];
        var w = slot >> 6;
        if (w >= words.Length)
        {
            Array.Resize(ref words, Math.Max(w + 1, words.Length * 2));
        }

        if ((words[w] & (1UL << slot)) == 0)
        {
            words[w] |= 1UL << slot;
            Count++;
        }

        if (expiresAt is { } at)
        {
            _expiries[(pool, slot)] = at;
        }
        else
        {
            _expiries.Remove((pool, slot));
        }
    }

    /// <summary>Clears a filter whose expiry is exactly <paramref name="expiresAt"/> (a later filter on the slot stays).</summary>
    public bool Expire(int pool, int slot, long expiresAt)
    {
        if (!_expiries.TryGetValue((pool, slot), out var at) || at != expiresAt)
        {
            return false;
        }

        Remove(pool, slot);
        return true;
    }

    public void Remove(int pool, int slot)
    {
        _expiries.Remove((pool, slot));
        var words = _bits[pool];
        var w = slot >> 6;
        if (w < words.Length && (words[w] & (1UL << slot)) != 0)
        {
            words[w] &= ~(1UL << slot);
            Count--;
        }
    }

    public void Clear()
    {
        _bits[0] = [];
        _bits[1] = [];
        _expiries.Clear();
        Count = 0;
    }

    /// <summary>The lowest slot at or after <paramref name="from"/> that is not filtered.</summary>
    public int NextUnfiltered(int pool, int from)
    {
        var words = _bits[pool];
        var w = from >> 6;
        if (w >= words.Length)
        {
            return from;
        }

        var free = ~words[w] & (ulong.MaxValue << (from & 63));
        while (free == 0)
        {
            if (++w == words.Length)
            {
                return w << 6;
            }

            free = ~words[w];
        }

        return (w << 6) + BitOperations.TrailingZeroCount(free);
    }
}
