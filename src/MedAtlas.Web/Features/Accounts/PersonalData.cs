using System.Text.Json;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>"Download all my data" and "delete my account" over every registered <see cref="IPersonalDataSource"/>.</summary>
internal sealed class PersonalData(IEnumerable<IPersonalDataSource> sources, MedAtlasDbContext db, UserManager<Account> users, DataStamps stamps, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public IReadOnlyList<IPersonalDataSource> Sources { get; } = [.. sources.OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>The file name the download gets: <c>medatlas-data-2026-05-03.json</c>.</summary>
    public string FileName() => $"medatlas-data-{time.GetUtcNow().UtcDateTime:yyyy-MM-dd}.json";

    public async Task<byte[]> ExportAsync(string accountId, CancellationToken cancellationToken)
    {
        var parts = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var source in Sources)
            parts[source.Name] = await source.ExportAsync(accountId, cancellationToken);
        var document = new Dictionary<string, object?>
        {
            ["exportedAt"] = time.GetUtcNow().UtcDateTime,
            ["site"] = "MedAtlas",
            ["data"] = parts,
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    /// <summary>Erases everything every source holds and then the account itself, all or nothing.</summary>
    public async Task<bool> DeleteAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var source in Sources)
            await source.EraseAsync(accountId, cancellationToken);

        // Identity's own rows (roles, claims, logins, tokens, passkeys) and the sessions go with it by cascade.
        var account = await users.FindByIdAsync(accountId);
        if (account is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var deleted = await users.DeleteAsync(account);
        if (!deleted.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new InvalidOperationException("Deleting the account failed: " + string.Join("; ", deleted.Errors.Select(e => e.Code)));
        }

        await transaction.CommitAsync(cancellationToken);
        // Erasers may have moved data stamps (a drug's reviews) inside this transaction: caches read them afresh.
        stamps.Invalidate();
        return true;
    }
}
