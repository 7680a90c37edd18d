using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>
/// An active medicine someone takes, with the profile it is on and the accounts to tell about it: the profile's
/// owner and its caregivers with Manage access (a View-only caregiver reads the list but does not look after it).
/// <see cref="Name"/> is as shown on the list, with the strength ("Atorvastatin 20 mg").
/// </summary>
internal sealed record TakenMedicine(
    Guid MedicineId, string Name, string? DrugSlug, string? Ndc, string? Lot, Guid ProfileId, string ProfileName, IReadOnlyList<string> AccountIds)
{
    /// <summary>The labeler + product part of the 11-digit NDC, which recalls name products by; null without an NDC.</summary>
    public string? ProductCode => Ndc is { Length: 11 } ndc ? ndc[..9] : null;
}

/// <summary>
/// What other features (FDA alerts) may know of the medicines people take: the active medicines matching any of a
/// set of drug slugs, 9-digit product codes or lot numbers. Set-based: a few queries per call whatever the number of
/// medicines, with the sets sent in chunks, so matching a recall import against 100,000 saved medicines is seconds.
/// </summary>
internal sealed class TakenMedicines(MedAtlasDbContext db)
{
    // Well under SQLite's and PostgreSQL's parameter limits, and small enough for the planners to use the index.
    private const int Chunk = 500;

    public async Task<IReadOnlyList<TakenMedicine>> MatchingAsync(
        IReadOnlyCollection<string> drugSlugs, IReadOnlyCollection<string> productCodes, IReadOnlyCollection<string> lots, CancellationToken cancellationToken)
    {
        var medicines = db.Set<SavedMedicine>().AsNoTracking().Where(m => m.Status == MedicineStatus.Active);
        var found = new Dictionary<Guid, Row>();

        foreach (var chunk in drugSlugs.Distinct(StringComparer.Ordinal).Chunk(Chunk))
            Add(found, await Select(medicines.Where(m => chunk.Contains(m.DrugSlug!))).ToListAsync(cancellationToken));

        // A product code is the first 9 of the 11 digits, and a prefix is not an index seek on both providers. The
        // distinct saved NDCs are an index-only scan; those under a wanted product are then looked up exactly.
        if (productCodes.Count > 0)
        {
            var wanted = productCodes.ToHashSet(StringComparer.Ordinal);
            var ndcs = (await db.Set<SavedMedicine>().AsNoTracking().Where(m => m.Ndc != null).Select(m => m.Ndc!).Distinct().ToListAsync(cancellationToken))
                .Where(n => n.Length == 11 && wanted.Contains(n[..9]))
                .ToList();
            foreach (var chunk in ndcs.Chunk(Chunk))
                Add(found, await Select(medicines.Where(m => chunk.Contains(m.Ndc!))).ToListAsync(cancellationToken));
        }

        // Lots the same way: the distinct saved lots (few people save one), then the exact ones wanted.
        if (lots.Count > 0)
        {
            var wanted = lots.ToHashSet(StringComparer.Ordinal);
            var saved = (await db.Set<SavedMedicine>().AsNoTracking().Where(m => m.LotNumber != null).Select(m => m.LotNumber!).Distinct().ToListAsync(cancellationToken))
                .Where(wanted.Contains)
                .ToList();
            foreach (var chunk in saved.Chunk(Chunk))
                Add(found, await Select(medicines.Where(m => chunk.Contains(m.LotNumber!))).ToListAsync(cancellationToken));
        }

        if (found.Count == 0)
            return [];

        var profileIds = found.Values.Select(r => r.ProfileId).Distinct().ToList();
        var profiles = new Dictionary<Guid, (string Name, List<string> Accounts)>();
        foreach (var chunk in profileIds.Chunk(Chunk))
        {
            foreach (var p in await db.Set<Profile>().AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => new { p.Id, p.Name, p.AccountId }).ToListAsync(cancellationToken))
                profiles[p.Id] = (p.Name, [p.AccountId]);
            foreach (var c in await db.Set<ProfileCaregiver>().AsNoTracking()
                         .Where(c => chunk.Contains(c.ProfileId) && c.Access == CaregiverAccess.Manage)
                         .Select(c => new { c.ProfileId, c.AccountId }).ToListAsync(cancellationToken))
            {
                if (profiles.TryGetValue(c.ProfileId, out var p) && !p.Accounts.Contains(c.AccountId))
                    p.Accounts.Add(c.AccountId);
            }
        }

        return found.Values
            .Where(r => profiles.ContainsKey(r.ProfileId))
            .Select(r =>
            {
                var (profileName, accounts) = profiles[r.ProfileId];
                return new TakenMedicine(r.Id, r.Strength is { Length: > 0 } s ? $"{r.Name} {s}" : r.Name, r.DrugSlug, r.Ndc, r.LotNumber, r.ProfileId, profileName, accounts);
            })
            .ToList();
    }

    private static IQueryable<Row> Select(IQueryable<SavedMedicine> medicines) =>
        medicines.Select(m => new Row(m.Id, m.ProfileId, m.Name, m.Strength, m.DrugSlug, m.Ndc, m.LotNumber));

    private static void Add(Dictionary<Guid, Row> found, List<Row> rows)
    {
        foreach (var row in rows)
            found.TryAdd(row.Id, row);
    }

    private sealed record Row(Guid Id, Guid ProfileId, string Name, string? Strength, string? DrugSlug, string? Ndc, string? LotNumber);
}
