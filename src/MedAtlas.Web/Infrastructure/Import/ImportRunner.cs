using System.Globalization;
using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Infrastructure.Import;

internal enum ImportStatus
{
    Completed,

    /// <summary>The input was unreadable or not of the source's format; nothing was written.</summary>
    WrongFormat,

    /// <summary>Writing stopped part-way; every batch before the failure is whole, the failed one was rolled back.</summary>
    Failed,

    /// <summary>
    /// The file is damaged (an archive fails its check, or far more rows are rejected than a whole file has) or nothing
    /// in it could be imported; nothing from it was written.
    /// </summary>
    Refused,
}

internal sealed record ImportResult(ImportStatus Status, ImportTally Tally, TimeSpan Elapsed, string? Error)
{
    public int ExitCode => Status switch
    {
        ImportStatus.Completed => 0,
        ImportStatus.Failed => 1,
        ImportStatus.Refused => 3,
        _ => 2,
    };
}

/// <summary>
/// Runs an importer: checks the file is whole, reads it through once without writing (so a damaged file, one that is
/// mostly rejected rows or one with nothing to import is refused before anything is committed), then batches its
/// records and writes each batch in its own transaction (a failed batch is rolled back whole, so the database never
/// holds half of one), printing progress while it works and a summary at the end. Memory stays bounded: one batch and
/// the first rejections are all it holds; the price is reading the file twice (docs/import-guide.md).
/// </summary>
internal sealed class ImportRunner(IServiceScopeFactory scopes, TextWriter output, TimeProvider time)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    public async Task<ImportResult> RunAsync<TRecord>(Importer<TRecord> importer, ImportInput input, CancellationToken cancellationToken)
        where TRecord : class
    {
        var started = time.GetTimestamp();
        await output.WriteLineAsync($"Importing {importer.Source} from {input.Path}");
        if (await VerifyAsync(importer, input, started, cancellationToken) is { } refused)
            return await FinishAsync(importer.Source, input, refused);

        var lastProgress = started;
        var tally = new ImportTally();
        var pending = new List<(string Row, TRecord Record)>(importer.BatchSize);
        try
        {
            await foreach (var row in importer.ReadAsync(input, cancellationToken))
            {
                tally.Read++;
                if (row.Record is null)
                    tally.Reject(row.Row, row.Rejection ?? "unreadable row");
                else
                    pending.Add((row.Row, row.Record));

                if (pending.Count >= importer.BatchSize)
                {
                    await WriteBatchAsync(importer, pending, tally, cancellationToken);
                    pending.Clear();
                }

                if (time.GetElapsedTime(lastProgress) >= ProgressEvery)
                {
                    lastProgress = time.GetTimestamp();
                    await output.WriteLineAsync(Progress(importer.Source, tally, time.GetElapsedTime(started)));
                }
            }

            if (pending.Count > 0)
                await WriteBatchAsync(importer, pending, tally, cancellationToken);
            if (tally.Rejected < tally.Read)
                await CompleteAsync(importer, input, tally, cancellationToken);
        }
        catch (Exception e) when (e is ImportFormatException or InvalidDataException or EndOfStreamException)
        {
            // The file changed between the check and this pass (the check read it whole).
            return await FinishAsync(importer.Source, input, new ImportResult(
                tally.Added + tally.Updated > 0 ? ImportStatus.Failed : ImportStatus.WrongFormat, tally, time.GetElapsedTime(started), e.Message));
        }
        catch (BatchFailedException e)
        {
            return await FinishAsync(importer.Source, input, new ImportResult(ImportStatus.Failed, tally, time.GetElapsedTime(started), e.Message));
        }

        if (tally.Read > 0 && tally.Rejected == tally.Read)
        {
            // Every record was rejected when written (the batches' rejections), so none was stored.
            return await FinishAsync(importer.Source, input, new ImportResult(ImportStatus.Refused, tally, time.GetElapsedTime(started),
                string.Create(CultureInfo.InvariantCulture, $"nothing could be imported: all rows of {input.Name} were rejected ({tally.Read:N0})")));
        }

        return await FinishAsync(importer.Source, input, new ImportResult(ImportStatus.Completed, tally, time.GetElapsedTime(started), null));
    }

    /// <summary>
    /// Before the first write: the archive check, then one read of every record without writing. Null when the file may
    /// be imported; else the result to report, with nothing written.
    /// </summary>
    private async Task<ImportResult?> VerifyAsync<TRecord>(Importer<TRecord> importer, ImportInput input, long started, CancellationToken cancellationToken)
        where TRecord : class
    {
        var check = new ImportTally();
        if (ArchiveCheck.Problem(input) is { } damaged)
            return new ImportResult(ImportStatus.Refused, check, time.GetElapsedTime(started), $"{damaged}; the file is damaged, so nothing from it was imported");

        ImportSettings settings;
        await using (var scope = scopes.CreateAsyncScope())
            settings = ImportSettings.From(scope.ServiceProvider.GetRequiredService<IConfiguration>());

        try
        {
            await foreach (var row in importer.ReadAsync(input, cancellationToken))
            {
                check.Read++;
                if (row.Record is null)
                    check.Reject(row.Row, row.Rejection ?? "unreadable row");
            }
        }
        catch (ImportFormatException e)
        {
            return new ImportResult(ImportStatus.WrongFormat, check, time.GetElapsedTime(started), e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return new ImportResult(ImportStatus.Refused, check, time.GetElapsedTime(started),
                $"{input.Name} cannot be read to its end ({e.Message.TrimEnd('.')}); the file is damaged, so nothing from it was imported");
        }

        var culture = CultureInfo.InvariantCulture;
        if (check.Read == check.Rejected)
        {
            return new ImportResult(ImportStatus.Refused, check, time.GetElapsedTime(started), check.Read == 0
                ? $"nothing could be imported: {input.Name} holds no {importer.Source} records"
                : string.Create(culture, $"nothing could be imported: all rows of {input.Name} were rejected ({check.Read:N0})"));
        }

        if (settings.TooManyRejected(check.Read, check.Rejected))
        {
            return new ImportResult(ImportStatus.Refused, check, time.GetElapsedTime(started), string.Create(culture,
                $"{check.Rejected:N0} of {check.Read:N0} rows of {input.Name} were rejected ({check.Rejected * 100.0 / check.Read:0.#}%, more than MedAtlas:Import:MaxRejectedPercent {settings.MaxRejectedPercent:0.#}%); the file looks damaged, so nothing from it was imported"));
        }

        return null;
    }

    private Task WriteBatchAsync<TRecord>(Importer<TRecord> importer, List<(string Row, TRecord Record)> records, ImportTally tally, CancellationToken cancellationToken)
        where TRecord : class =>
        InTransactionAsync(
            (db, batchTally) => importer.WriteAsync(new ImportBatch<TRecord>(db, records, batchTally), cancellationToken),
            $"Writing the batch of rows {records[0].Row} to {records[^1].Row} failed and was rolled back", tally, cancellationToken);

    private Task CompleteAsync<TRecord>(Importer<TRecord> importer, ImportInput input, ImportTally tally, CancellationToken cancellationToken)
        where TRecord : class =>
        InTransactionAsync(
            (db, completionTally) => importer.CompleteAsync(new ImportCompletion(db, input, tally.Rejected, completionTally), cancellationToken),
            "Finishing the import failed and was rolled back (every row was written)", tally, cancellationToken);

    /// <summary>
    /// One unit of an import's writing: a fresh scope (and so a fresh DbContext, keeping the change tracker from growing
    /// with the file), one transaction, and its counts merged into <paramref name="tally"/> only once committed, so the
    /// summary never reports what was rolled back.
    /// </summary>
    private async Task InTransactionAsync(Func<MedAtlasDbContext, ImportTally, Task> write, string failure, ImportTally tally, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var unitTally = new ImportTally();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await write(db, unitTally);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ImportFormatException)
        {
            throw new BatchFailedException($"{failure}: {e.GetBaseException().Message}", e);
        }

        tally.Merge(unitTally);
    }

    private async Task<ImportResult> FinishAsync(string source, ImportInput input, ImportResult result)
    {
        var t = result.Tally;
        var culture = CultureInfo.InvariantCulture;
        Observability.MedAtlasMetrics.RecordImport(source, new(t.Added, t.Updated, t.Unchanged, t.Rejected), result.Status switch
        {
            ImportStatus.Completed => "completed",
            ImportStatus.WrongFormat => "wrong_format",
            ImportStatus.Refused => "refused",
            _ => "failed",
        }, result.Elapsed);
        var verdict = result.Status switch
        {
            ImportStatus.Completed => "finished",
            ImportStatus.WrongFormat => "did not start",
            ImportStatus.Refused => "was refused",
            _ => "stopped",
        };
        await output.WriteLineAsync(string.Create(culture, $"Import of {source} from {input.Name} {verdict} after {result.Elapsed.TotalSeconds:0.0} s."));
        if (result.Error is not null)
            await output.WriteLineAsync($"  Error: {result.Error}");

        if (result.Status != ImportStatus.WrongFormat)
        {
            await output.WriteLineAsync(string.Create(culture, $"  read      {t.Read,12:N0}"));
            await output.WriteLineAsync(string.Create(culture, $"  added     {t.Added,12:N0}"));
            await output.WriteLineAsync(string.Create(culture, $"  updated   {t.Updated,12:N0}"));
            await output.WriteLineAsync(string.Create(culture, $"  unchanged {t.Unchanged,12:N0}"));
            await output.WriteLineAsync(string.Create(culture, $"  rejected  {t.Rejected,12:N0}"));
            if (t.Warnings > 0)
                await output.WriteLineAsync(string.Create(culture, $"  warnings  {t.Warnings,12:N0}"));
            foreach (var (outcome, count) in t.Outcomes)
                await output.WriteLineAsync(string.Create(culture, $"  {outcome,-9} {count,12:N0}"));
        }

        if (t.FirstRejections.Count > 0)
        {
            await output.WriteLineAsync(string.Create(culture, $"Rejected rows (first {t.FirstRejections.Count} of {t.Rejected:N0}):"));
            foreach (var (row, reason) in t.FirstRejections)
                await output.WriteLineAsync($"  {row}: {reason}");
        }

        if (t.FirstWarnings.Count > 0)
        {
            await output.WriteLineAsync(string.Create(culture, $"Warnings (first {t.FirstWarnings.Count} of {t.Warnings:N0}):"));
            foreach (var (row, message) in t.FirstWarnings)
                await output.WriteLineAsync($"  {row}: {message}");
        }

        if (result.Status == ImportStatus.Failed)
            await output.WriteLineAsync("  Batches written before the failure are complete; imports are idempotent, so fix the cause and run it again.");

        await output.FlushAsync();
        return result;
    }

    private static string Progress(string source, ImportTally t, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture,
            $"  {source}: {t.Read:N0} rows read; {t.Added:N0} added, {t.Updated:N0} updated, {t.Unchanged:N0} unchanged, {t.Rejected:N0} rejected ({t.Read / Math.Max(elapsed.TotalSeconds, 0.001):N0} rows/s)");

    private sealed class BatchFailedException(string message, Exception inner) : Exception(message, inner);
}
