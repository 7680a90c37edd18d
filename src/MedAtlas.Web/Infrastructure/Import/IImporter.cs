using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Infrastructure.Import;

/// <summary>An <c>import</c> source, such as <c>drugsatfda</c> or <c>dailymed</c>. Derive from <see cref="Importer{TRecord}"/>.</summary>
internal interface IImporter
{
    /// <summary>The name typed after <c>import</c>.</summary>
    string Source { get; }

    /// <summary>One line: what the source is and what file it takes.</summary>
    string Description { get; }

    /// <summary>Runs this importer through the framework (lets the runner stay generic over the record type).</summary>
    Task<ImportResult> RunAsync(ImportRunner runner, ImportInput input, CancellationToken cancellationToken);
}

/// <summary>A record read from a file, or the reason its row was rejected.</summary>
/// <param name="Row">Where it came from, as a person would find it: "line 12", "Products.txt line 40", "label 3f2a.../product 2".</param>
internal readonly record struct ImportRow<TRecord>(string Row, TRecord? Record, string? Rejection)
    where TRecord : class
{
    public static ImportRow<TRecord> Ok(string row, TRecord record) => new(row, record, null);

    public static ImportRow<TRecord> Rejected(string row, string reason) => new(row, null, reason);
}

/// <summary>
/// An importer reads its format as a stream of records; the framework (<see cref="ImportRunner"/>) batches
/// them, owns the transactions, progress and summary. An importer writes one batch at a time and says
/// what happened to each record.
/// </summary>
internal abstract class Importer<TRecord> : IImporter
    where TRecord : class
{
    public abstract string Source { get; }

    public abstract string Description { get; }

    /// <summary>Records per transaction. Large enough to amortize a commit, small enough to bound memory.</summary>
    public virtual int BatchSize => 1000;

    /// <summary>
    /// Streams the records. Throws <see cref="ImportFormatException"/> as soon as the input is seen not to be
    /// of this format (before anything is written, where the format allows telling early). Called twice per run, once
    /// to verify the file before anything is written and once to write it, so it must read the same rows both times
    /// and change nothing itself.
    /// </summary>
    public abstract IAsyncEnumerable<ImportRow<TRecord>> ReadAsync(ImportInput input, CancellationToken cancellationToken);

    /// <summary>Writes one batch inside the framework's transaction; reports each record through <paramref name="batch"/>.</summary>
    public abstract Task WriteAsync(ImportBatch<TRecord> batch, CancellationToken cancellationToken);

    /// <summary>
    /// After every batch was written (not after a failure or a refusal), in a transaction of its own: what only the whole
    /// file can decide, such as removing what a complete newer file no longer lists. Does nothing unless overridden.
    /// </summary>
    public virtual Task CompleteAsync(ImportCompletion completion, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ImportResult> RunAsync(ImportRunner runner, ImportInput input, CancellationToken cancellationToken) =>
        runner.RunAsync(this, input, cancellationToken);
}

/// <summary>What <see cref="Importer{TRecord}.CompleteAsync"/> works with: the database, the file, the rows rejected so far and the tally.</summary>
internal sealed class ImportCompletion(MedAtlasDbContext db, ImportInput input, long rejected, ImportTally tally)
{
    public MedAtlasDbContext Db { get; } = db;

    public ImportInput Input { get; } = input;

    /// <summary>Rows of the file that were not stored: what is missing from the database may be in them.</summary>
    public long Rejected { get; } = rejected;

    /// <summary>An outcome counted under its own name in the summary ("removed").</summary>
    public void Count(string outcome, long count = 1) => tally.Count(outcome, count);

    public void Warn(string row, string message) => tally.Warn(row, message);
}

/// <summary>The input is not of the format the source reads; nothing was written.</summary>
internal sealed class ImportFormatException(string message) : Exception(message);

/// <summary>One batch of records to write, and the tally the importer keeps for the summary.</summary>
internal sealed class ImportBatch<TRecord>(MedAtlasDbContext db, IReadOnlyList<(string Row, TRecord Record)> records, ImportTally tally)
    where TRecord : class
{
    public MedAtlasDbContext Db { get; } = db;

    public IReadOnlyList<(string Row, TRecord Record)> Records { get; } = records;

    public void Added(int count = 1) => tally.Added += count;

    public void Updated(int count = 1) => tally.Updated += count;

    public void Unchanged(int count = 1) => tally.Unchanged += count;

    /// <summary>An outcome particular to this source, counted under its own name in the summary.</summary>
    public void Count(string outcome, int count = 1) => tally.Count(outcome, count);

    /// <summary>A record that parsed but cannot be stored (e.g. it names something that does not exist).</summary>
    public void Reject(string row, string reason) => tally.Reject(row, reason);

    /// <summary>A record that was stored, with something the summary should tell the person importing.</summary>
    public void Warn(string row, string message) => tally.Warn(row, message);
}
