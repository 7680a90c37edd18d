namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// One feature's share of what the site holds about a person. Every feature with rows about an account registers
/// one (<c>services.AddScoped&lt;IPersonalDataSource, X&gt;()</c>); "download my data" asks each for
/// <see cref="ExportAsync"/> and "delete my account" runs each <see cref="EraseAsync"/>, then deletes the account,
/// in one transaction. A test fails when an entity with an <c>AccountId</c>/<c>UserId</c> (or a key to
/// <see cref="Account"/>) is in no source's <see cref="Entities"/>, so a new feature cannot forget its eraser.
/// </summary>
internal interface IPersonalDataSource
{
    /// <summary>The key of this source's part of the export ("profile", "sessions").</summary>
    string Name { get; }

    /// <summary>The entity types whose rows this source exports and erases (or that go with the account row by cascade).</summary>
    IReadOnlyList<Type> Entities { get; }

    /// <summary>What it holds about the account, as plain records for JSON; null when it holds nothing. Never secrets (hashes, keys, tokens).</summary>
    Task<object?> ExportAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Deletes or anonymises the rows. Runs inside the caller's transaction, before the account row goes; saves its own changes.</summary>
    Task EraseAsync(string accountId, CancellationToken cancellationToken);
}
