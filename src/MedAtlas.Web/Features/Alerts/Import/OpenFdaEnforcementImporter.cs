using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Import;

/// <summary>One enforcement report as read from the file, with the codes, lots and names found in it.</summary>
internal sealed record EnforcementRecord(
    string RecallNumber,
    string EventId,
    string Classification,
    string Status,
    string ProductDescription,
    string CodeInfo,
    string? MoreCodeInfo,
    string ReasonForRecall,
    string RecallingFirm,
    string City,
    string State,
    string Country,
    DateOnly? ReportDate,
    DateOnly? RecallInitiationDate,
    DateOnly? TerminationDate,
    string DistributionPattern,
    string VoluntaryMandated,
    string ProductQuantity,
    IReadOnlyList<(string Code, RecallCodeOrigin Origin)> Codes,
    IReadOnlyList<string> Lots,
    IReadOnlyList<string> NameKeys,
    string? SupersededBy);

/// <summary>
/// <c>import openfda-enforcement drug-enforcement-0001-of-0001.json.zip</c>: openFDA's drug recall enforcement
/// reports (the bulk JSON, or the zip or gzip holding it), read as a stream. Keyed on recall_number, so importing a
/// file again changes nothing and a newer export updates what changed (a status change is kept as history). A
/// recall number the file gives twice is stored as its later record says. Each record is matched to catalogue
/// drugs: by NDC on the drugs' labels, else by name (the weaker kind); unmatched records are kept.
/// </summary>
internal sealed class OpenFdaEnforcementImporter(TimeProvider time) : Importer<EnforcementRecord>
{
    private const string Generic = "generic_name";
    private const string Brand = "brand_name";

    /// <summary>
    /// Label product codes → drugs, read once per import (the runner writes batches one after another): the
    /// catalogue's labels are stored as JSON, so there is no cheaper way to look them up by NDC per batch.
    /// </summary>
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? drugsByProductCode;

    public override string Source => Recall.OpenFdaEnforcement;

    public override string Description => "FDA drug recalls: openFDA drug enforcement reports (drug-enforcement-*.json, or the .zip holding it)";

    public override async IAsyncEnumerable<ImportRow<EnforcementRecord>> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        drugsByProductCode = null;

        // A first pass finds where each recall number last occurs, so the later of two records is the one stored
        // and a second import of the same file finds everything unchanged.
        var lastAt = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var first = Open(input))
        {
            var reader = new JsonResultsReader(first.Stream, input.Name);
            var index = 0;
            while (reader.Next() is { } document)
            {
                using (document)
                {
                    index++;
                    if (document.RootElement.ValueKind == JsonValueKind.Object
                        && document.RootElement.TryGetProperty("recall_number", out var number)
                        && number.ValueKind == JsonValueKind.String
                        && number.GetString() is { Length: > 0 } value)
                        lastAt[value.Trim()] = index;
                }

                if (index % 1000 == 0)
                    cancellationToken.ThrowIfCancellationRequested();
            }
        }

        using var second = Open(input);
        var records = new JsonResultsReader(second.Stream, input.Name);
        var at = 0;
        while (records.Next() is { } document)
        {
            ImportRow<EnforcementRecord> row;
            using (document)
            {
                at++;
                var name = $"record {at.ToString(CultureInfo.InvariantCulture)}";
                row = Parse(document.RootElement, out var record) is { } problem
                    ? ImportRow<EnforcementRecord>.Rejected(name, problem)
                    : ImportRow<EnforcementRecord>.Ok(name, lastAt.TryGetValue(record!.RecallNumber, out var last) && last != at
                        ? record with { SupersededBy = $"record {last.ToString(CultureInfo.InvariantCulture)}" }
                        : record);
            }

            yield return row;
            if (at % 1000 == 0)
                await Task.Yield();
        }
    }

    public override async Task WriteAsync(ImportBatch<EnforcementRecord> batch, CancellationToken cancellationToken)
    {
        var db = batch.Db;
        var codes = new DrugCodes(db);
        drugsByProductCode ??= await codes.DrugsByProductCodeAsync(cancellationToken);

        var records = new List<(string Row, EnforcementRecord Record)>();
        foreach (var (row, record) in batch.Records)
        {
            if (record.SupersededBy is null)
            {
                records.Add((row, record));
                continue;
            }

            batch.Count("superseded");
            batch.Warn(row, $"recall number {record.RecallNumber} occurs again at {record.SupersededBy}; the later record is kept");
        }

        var numbers = records.Select(r => r.Record.RecallNumber).ToList();
        var existing = await db.Set<Recall>()
            .Where(r => numbers.Contains(r.RecallNumber))
            .Include(r => r.ProductCodes)
            .Include(r => r.Lots)
            .Include(r => r.Matches)
            .AsSplitQuery()
            .ToDictionaryAsync(r => r.RecallNumber, StringComparer.Ordinal, cancellationToken);

        var byNdc = records.ToDictionary(r => r.Record.RecallNumber, r => MatchByNdc(r.Record), StringComparer.Ordinal);
        var byName = await codes.DrugsByNameAsync(
            records.Where(r => byNdc[r.Record.RecallNumber].Count == 0).SelectMany(r => r.Record.NameKeys), cancellationToken);

        batch.Count("matched-by-ndc", 0);
        batch.Count("matched-by-name", 0);
        batch.Count("unmatched", 0);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (_, record) in records)
        {
            var matches = byNdc[record.RecallNumber];
            if (matches.Count > 0)
            {
                batch.Count("matched-by-ndc");
            }
            else
            {
                matches = [.. record.NameKeys
                    .SelectMany(k => byName.TryGetValue(k, out var slugs) ? slugs : [])
                    .Distinct(StringComparer.Ordinal)
                    .Select(slug => new RecallMatch { DrugSlug = slug, How = RecallMatchKind.Name, Confidence = RecallMatch.Low })];
                batch.Count(matches.Count > 0 ? "matched-by-name" : "unmatched");
            }

            if (!existing.TryGetValue(record.RecallNumber, out var recall))
            {
                recall = new Recall
                {
                    RecallNumber = record.RecallNumber, EventId = "", Classification = "", Status = record.Status, ProductDescription = "",
                    CodeInfo = "", ReasonForRecall = "", RecallingFirm = "", City = "", State = "", Country = "", DistributionPattern = "",
                    VoluntaryMandated = "", ProductQuantity = "", Source = Recall.OpenFdaEnforcement, FirstSeenAt = now,
                };
                Apply(recall, record, matches, now);
                db.Add(recall);
                batch.Added();
                continue;
            }

            var statusBefore = recall.Status;
            if (!Apply(recall, record, matches, now))
            {
                batch.Unchanged();
                continue;
            }

            if (statusBefore != record.Status)
                db.Add(new RecallStatusChange { RecallId = recall.Id, From = statusBefore, To = record.Status, ChangedAt = now });
            batch.Updated();
        }
    }

    /// <summary>Brings <paramref name="recall"/> in line with the file; whether anything changed.</summary>
    private static bool Apply(Recall recall, EnforcementRecord r, IReadOnlyList<RecallMatch> matches, DateTime now)
    {
        var changed = false;
        Set(recall.EventId, r.EventId, v => recall.EventId = v);
        Set(recall.Classification, r.Classification, v => recall.Classification = v);
        Set(recall.Status, r.Status, v => recall.Status = v);
        Set(recall.ProductDescription, r.ProductDescription, v => recall.ProductDescription = v);
        Set(recall.CodeInfo, r.CodeInfo, v => recall.CodeInfo = v);
        Set(recall.MoreCodeInfo, r.MoreCodeInfo, v => recall.MoreCodeInfo = v);
        Set(recall.ReasonForRecall, r.ReasonForRecall, v => recall.ReasonForRecall = v);
        Set(recall.RecallingFirm, r.RecallingFirm, v => recall.RecallingFirm = v);
        Set(recall.City, r.City, v => recall.City = v);
        Set(recall.State, r.State, v => recall.State = v);
        Set(recall.Country, r.Country, v => recall.Country = v);
        Set(recall.ReportDate, r.ReportDate, v => recall.ReportDate = v);
        Set(recall.RecallInitiationDate, r.RecallInitiationDate, v => recall.RecallInitiationDate = v);
        Set(recall.TerminationDate, r.TerminationDate, v => recall.TerminationDate = v);
        Set(recall.DistributionPattern, r.DistributionPattern, v => recall.DistributionPattern = v);
        Set(recall.VoluntaryMandated, r.VoluntaryMandated, v => recall.VoluntaryMandated = v);
        Set(recall.ProductQuantity, r.ProductQuantity, v => recall.ProductQuantity = v);

        changed |= Sync(recall.ProductCodes, r.Codes, c => (c.Code, c.Origin), c => new RecallProductCode { Code = c.Code, Origin = c.Origin }, c => c);
        changed |= Sync(recall.Lots, r.Lots, l => l.Lot, l => new RecallLot { Lot = l }, l => l);
        // An editor's link stays unless the data itself now finds the same drug.
        var found = matches.Select(m => m.DrugSlug).ToHashSet(StringComparer.Ordinal);
        var wanted = matches.Concat(recall.Matches.Where(m => m.How == RecallMatchKind.Manual && !found.Contains(m.DrugSlug)).ToList());
        changed |= Sync(recall.Matches, wanted, m => (m.DrugSlug, m.How, m.Confidence), m => m, m => (m.DrugSlug, m.How, m.Confidence));
        if (changed)
            recall.UpdatedAt = now;
        return changed;

        void Set<T>(T current, T value, Action<T> assign)
        {
            if (EqualityComparer<T>.Default.Equals(current, value))
                return;
            assign(value);
            changed = true;
        }
    }

    /// <summary>Makes <paramref name="stored"/> hold what <paramref name="wanted"/> says, keeping rows that stay; whether it changed.</summary>
    private static bool Sync<TEntity, TValue, TKey>(List<TEntity> stored, IEnumerable<TValue> wanted, Func<TEntity, TKey> keyOf, Func<TValue, TEntity> create, Func<TValue, TKey> wantedKey)
        where TKey : notnull
    {
        var want = new Dictionary<TKey, TValue>();
        foreach (var value in wanted)
            want.TryAdd(wantedKey(value), value);
        var removed = stored.RemoveAll(e => !want.ContainsKey(keyOf(e)));
        var have = stored.Select(keyOf).ToHashSet();
        var added = 0;
        foreach (var (key, value) in want)
        {
            if (have.Contains(key))
                continue;
            stored.Add(create(value));
            added++;
        }

        return removed + added > 0;
    }

    private List<RecallMatch> MatchByNdc(EnforcementRecord record)
    {
        var matches = new Dictionary<string, RecallMatch>(StringComparer.Ordinal);
        foreach (var (code, origin) in record.Codes)
        {
            if (!drugsByProductCode!.TryGetValue(code.Length >= 9 ? code[..9] : code, out var slugs))
                continue;
            var confidence = origin is RecallCodeOrigin.PackageNdc or RecallCodeOrigin.ProductNdc ? RecallMatch.High : RecallMatch.Medium;
            foreach (var slug in slugs)
            {
                // The surest way a drug was found is the one kept.
                if (!matches.TryGetValue(slug, out var match) || (match.Confidence == RecallMatch.Medium && confidence == RecallMatch.High))
                    matches[slug] = new RecallMatch { DrugSlug = slug, How = RecallMatchKind.Ndc, Confidence = confidence };
            }
        }

        return [.. matches.Values.OrderBy(m => m.DrugSlug, StringComparer.Ordinal)];
    }

    /// <summary>The record, or why it cannot be stored.</summary>
    internal static string? Parse(JsonElement json, out EnforcementRecord? record)
    {
        record = null;
        if (json.ValueKind != JsonValueKind.Object)
            return $"a {json.ValueKind.ToString().ToLowerInvariant()} where a recall record (a JSON object) should be";

        string? problem = null;
        var number = Text("recall_number", 40);
        if (problem is null && number.Length == 0)
            problem = "no recall_number";
        var eventId = Text("event_id", 40);
        var classification = Text("classification", 40);
        var status = Text("status", 40);
        var description = Text("product_description");
        var codeInfo = Text("code_info");
        var moreCodeInfo = Text("more_code_info");
        var reason = Text("reason_for_recall");
        var firm = Text("recalling_firm", 500);
        var city = Text("city", 200);
        var state = Text("state", 100);
        var country = Text("country", 100);
        var distribution = Text("distribution_pattern");
        var voluntary = Text("voluntary_mandated", 100);
        var quantity = Text("product_quantity");
        var reportDate = Date("report_date");
        var initiationDate = Date("recall_initiation_date");
        var terminationDate = Date("termination_date");

        var packageNdcs = new List<string>();
        var productNdcs = new List<string>();
        var names = new List<string>();
        if (json.TryGetProperty("openfda", out var openFda) && openFda.ValueKind is not JsonValueKind.Null)
        {
            if (openFda.ValueKind != JsonValueKind.Object)
            {
                problem ??= "openfda is not an object";
            }
            else
            {
                Strings(openFda, "package_ndc", packageNdcs);
                Strings(openFda, "product_ndc", productNdcs);
                Strings(openFda, Generic, names);
                Strings(openFda, Brand, names);
            }
        }

        if (problem is not null)
            return problem;

        var codes = new List<(string, RecallCodeOrigin)>();
        codes.AddRange(packageNdcs.Select(Ndc.Normalize).OfType<string>().Select(c => (c, RecallCodeOrigin.PackageNdc)));
        codes.AddRange(productNdcs.Select(Ndc.NormalizeProduct).OfType<string>().Select(c => (c, RecallCodeOrigin.ProductNdc)));
        if (codes.Count == 0)
        {
            codes.AddRange(RecallText.Ndcs(description).Select(c => (c, RecallCodeOrigin.Description)));
            codes.AddRange(RecallText.Ndcs(codeInfo).Concat(RecallText.Ndcs(moreCodeInfo)).Select(c => (c, RecallCodeOrigin.CodeInfo)));
        }

        if (names.Count == 0 && RecallText.LeadingName(description) is { Length: > 0 } leading)
            names.Add(leading);

        record = new EnforcementRecord(
            number, eventId, classification, status, description, codeInfo, moreCodeInfo.Length == 0 ? null : moreCodeInfo, reason, firm, city, state, country,
            reportDate, initiationDate, terminationDate, distribution, voluntary, quantity,
            [.. codes.Distinct()],
            [.. RecallText.Lots(codeInfo).Concat(RecallText.Lots(moreCodeInfo)).Distinct(StringComparer.Ordinal)],
            [.. names.SelectMany(RecallText.NameKeys).Distinct(StringComparer.Ordinal)],
            null);
        return null;

        string Text(string field, int max = int.MaxValue)
        {
            if (!json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                return "";
            if (value.ValueKind != JsonValueKind.String)
            {
                problem ??= $"{field} is a {value.ValueKind.ToString().ToLowerInvariant()}, not text";
                return "";
            }

            var text = value.GetString()!.Trim();
            if (text.Length > max)
                problem ??= $"{field} is {text.Length:N0} characters long; at most {max:N0} are kept";
            return text;
        }

        DateOnly? Date(string field)
        {
            var text = Text(field);
            if (text.Length == 0)
                return null;
            if (DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            problem ??= $"{field} '{(text.Length > 20 ? text[..20] + "…" : text)}' is not a YYYYMMDD date";
            return null;
        }

        void Strings(JsonElement block, string field, List<string> into)
        {
            if (!block.TryGetProperty(field, out var values) || values.ValueKind == JsonValueKind.Null)
                return;
            if (values.ValueKind != JsonValueKind.Array)
            {
                problem ??= $"openfda.{field} is not an array";
                return;
            }

            foreach (var value in values.EnumerateArray())
            {
                if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                    into.Add(text.Trim());
            }
        }
    }

    /// <summary>The JSON inside the input: the file itself, or the first .json entry of a zip, or a gzip's content.</summary>
    private static JsonInput Open(ImportInput input)
    {
        if (input.IsZip())
        {
            var archive = ZipFile.OpenRead(input.Path);
            var entry = archive.Entries.FirstOrDefault(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
            if (entry is null)
            {
                archive.Dispose();
                throw new ImportFormatException($"{input.Name} holds no .json file; the openFDA download's zip holds drug-enforcement-0001-of-0001.json.");
            }

            return new JsonInput(new BufferedStream(entry.Open(), 1 << 16), archive);
        }

        var file = input.OpenRead();
        return input.IsGzip() ? new JsonInput(new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16), null) : new JsonInput(file, null);
    }

    private sealed class JsonInput(Stream stream, IDisposable? owner) : IDisposable
    {
        public Stream Stream { get; } = stream;

        public void Dispose()
        {
            Stream.Dispose();
            owner?.Dispose();
        }
    }
}
