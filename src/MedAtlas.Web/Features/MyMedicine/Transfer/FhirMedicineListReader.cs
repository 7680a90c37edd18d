using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using MedAtlas.Web.Features.Drugs;
using R4 = Hl7.Fhir.Model;

namespace MedAtlas.Web.Features.MyMedicine.Transfer;

/// <summary>
/// Reads a FHIR R4 Bundle of a medicine list: MedicationStatements (an International Patient Summary, such as
/// MedAtlas's own export) or MedicationRequests with intent "plan" (a US Core-style list). Each becomes one row. A file
/// that is not JSON, not FHIR, FHIR R5, not a Bundle or a Bundle without medicines is refused with a message that
/// says which. A medicine the file says was stopped or is on hold comes in stopped or paused; one entered in error,
/// not taken or cancelled is a row problem.
/// </summary>
internal sealed class FhirMedicineListReader(DrugCodes codes, TimeProvider time) : IMedicineListReader
{
    public const string FormatName = "FHIR R4";

    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    // Other apps' R4 files are often not perfect (a code outside its value set, a missing subject); the medicines in
    // them are still worth reading, so the strict parse only decides the version question and this one reads.
    private static readonly FhirJsonDeserializer Lenient = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));

    /// <summary>Resource types that FHIR R5 added; none exists in R4 (or R4B).</summary>
    private static readonly HashSet<string> R5OnlyResourceTypes = new(StringComparer.Ordinal)
    {
        "ActorDefinition", "ArtifactAssessment", "BiologicallyDerivedProductDispense", "ConditionDefinition", "DeviceDispense",
        "DeviceUsage", "EncounterHistory", "FormularyItem", "GenomicStudy", "ImagingSelection", "InventoryItem", "InventoryReport",
        "NutritionIntake", "Permission", "Requirements", "Transport",
    };

    private static readonly HashSet<string> MedicationResourceTypes = new(StringComparer.Ordinal)
    {
        "MedicationStatement", "MedicationRequest", "MedicationDispense", "MedicationAdministration",
    };

    /// <summary>HL7 timing abbreviations (v3 GTSAbbreviation) that say a plain schedule.</summary>
    private static readonly Dictionary<string, (DoseFrequency Frequency, int Count)> TimingCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["QD"] = (DoseFrequency.TimesADay, 1),
        ["AM"] = (DoseFrequency.TimesADay, 1),
        ["PM"] = (DoseFrequency.TimesADay, 1),
        ["BED"] = (DoseFrequency.TimesADay, 1),
        ["BID"] = (DoseFrequency.TimesADay, 2),
        ["TID"] = (DoseFrequency.TimesADay, 3),
        ["QID"] = (DoseFrequency.TimesADay, 4),
        ["Q1H"] = (DoseFrequency.EveryHours, 1),
        ["Q2H"] = (DoseFrequency.EveryHours, 2),
        ["Q3H"] = (DoseFrequency.EveryHours, 3),
        ["Q4H"] = (DoseFrequency.EveryHours, 4),
        ["Q6H"] = (DoseFrequency.EveryHours, 6),
        ["Q8H"] = (DoseFrequency.EveryHours, 8),
        ["WK"] = (DoseFrequency.TimesAWeek, 1),
    };

    private static readonly Dictionary<string, string> DoseUnitWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mg"] = "mg", ["ug"] = "mcg", ["mcg"] = "mcg", ["µg"] = "mcg", ["g"] = "g", ["ml"] = "mL",
        ["tablet"] = "tablet", ["tab"] = "tablet", ["capsule"] = "capsule", ["cap"] = "capsule",
        ["drop"] = "drop", ["gtt"] = "drop", ["puff"] = "puff", ["actuation"] = "puff", ["actuat"] = "puff", ["spray"] = "spray",
        ["patch"] = "patch", ["unit"] = "unit", ["[iu]"] = "unit", ["iu"] = "unit", ["application"] = "application",
        ["suppository"] = "suppository",
    };

    /// <summary>Words in another app's route that name one of MedAtlas's routes; the first match wins.</summary>
    private static readonly (string Word, string Route)[] RouteWords =
    [
        ("sublingual", "under the tongue"), ("under the tongue", "under the tongue"), ("oral", "by mouth"), ("mouth", "by mouth"),
        ("inhal", "inhaled"), ("respiratory", "inhaled"), ("nasal", "in the nose"), ("nose", "in the nose"),
        ("ophthalmic", "in the eye"), ("ocular", "in the eye"), ("eye", "in the eye"), ("otic", "in the ear"), ("auricular", "in the ear"),
        ("ear", "in the ear"), ("topical", "on the skin"), ("cutaneous", "on the skin"), ("transdermal", "on the skin"), ("skin", "on the skin"),
        ("intravenous", "injection"), ("intramuscular", "injection"), ("subcutaneous", "injection"), ("injection", "injection"),
        ("rectal", "rectal"), ("vaginal", "vaginal"),
    ];

    public string Format => FormatName;

    public bool Recognises(string fileName, ReadOnlySpan<byte> head)
    {
        if (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".fhir", StringComparison.OrdinalIgnoreCase))
            return true;
        var start = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        var first = start.IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && start[first] == (byte)'{';
    }

    public async Task<MedicineListFile> ReadAsync(Stream file, CancellationToken cancellationToken)
    {
        var bytes = await MedicineListFile.ReadBoundedAsync(file, cancellationToken);
        if (bytes is null)
            return Refused($"This file is larger than {IMedicineListReader.MaxBytes / (1024 * 1024)} MB. A FHIR medicine list is far smaller; is it the right file?");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return Refused("This file is not JSON, so it is not a FHIR R4 file. Choose the .json file the other app exported.");
        }

        string json;
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resourceType", out var typeProperty) || typeProperty.ValueKind != JsonValueKind.String)
                return Refused("This file is JSON but not FHIR: a FHIR file names its resourceType, and this one does not.");

            if (R5Sign(root) is { } sign)
                return Refused($"This is a FHIR R5 file ({sign}). MedAtlas reads FHIR R4: export the list as FHIR R4 from the app it came from.");

            var resourceType = typeProperty.GetString()!;
            if (resourceType != "Bundle")
            {
                return Refused(R4.ModelInfo.IsKnownResource(resourceType)
                    ? $"This is a single FHIR {resourceType}, not a Bundle. Import a Bundle that holds MedicationStatement or MedicationRequest entries."
                    : $"“{Short(resourceType)}” is not a FHIR R4 resource type, so this is not a FHIR R4 file.");
            }

            json = root.GetRawText();
        }

        var (bundle, problem) = Parse(json);
        if (bundle is null)
            return Refused(problem!);

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var medications = MedicationsIn(bundle);
        var found = bundle.Entry
            .Select((entry, i) => (Row: i + 1, entry.Resource))
            .Where(e => e.Resource is R4.MedicationStatement or R4.MedicationRequest)
            .Select(e => (e.Row, Read: ReadEntry(e.Resource!, medications)))
            .ToList();
        if (found.Count == 0)
            return Refused("This FHIR Bundle holds no MedicationStatement or MedicationRequest, so there is no medicine list in it.");

        var slugs = await codes.DrugForRxCuiAsync(found.Select(f => f.Read.RxCui).OfType<string>(), cancellationToken);
        var rows = new List<ReadMedicine>(found.Count);
        foreach (var (row, read) in found)
        {
            if (read.Problem is not null)
            {
                rows.Add(new ReadMedicine(row, null, read.Problem));
                continue;
            }

            var values = read.Values! with { DrugSlug = read.RxCui is { } rxCui ? slugs.GetValueOrDefault(rxCui) : null };
            var (problems, _) = MedicineRules.Check(values, today);
            rows.Add(problems.Count == 0
                ? new ReadMedicine(row, values, null, read.Status is { StoppedOn: { } on } stopped && on > today ? stopped with { StoppedOn = null } : read.Status)
                : new ReadMedicine(row, null, $"{Short(values.Name ?? "This medicine", 60)}: {string.Join(" ", problems.Select(p => p.Message))}"));
        }

        return new MedicineListFile(FormatName, rows, null);
    }

    private static MedicineListFile Refused(string problem) => MedicineListFile.Refused(FormatName, problem);

    private static (R4.Bundle? Bundle, string? Problem) Parse(string json)
    {
        try
        {
            if (Strict.TryDeserializeResource(json, out var strict, out var strictIssues))
                return ((R4.Bundle)strict!, null);

            // An element R4 does not have as a choice (medication instead of medicationCodeableConcept) or a resource type
            // R4 does not know: the file is of another FHIR version, which the lenient parse would read with data lost.
            var versionSign = strictIssues.FirstOrDefault(i =>
                i.ErrorCode is FhirJsonException.CHOICE_ELEMENT_MUST_HAVE_SUFFIX_CODE or CodedValidationException.UNKNOWN_RESOURCE_TYPE_CODE);
            if (versionSign is not null)
                return (null, $"This file is not FHIR R4: {Short(versionSign.Message, 200)} It may be FHIR R5 or another version; export the list as FHIR R4.");

            if (Lenient.TryDeserializeResource(json, out var lenient, out var issues) && lenient is R4.Bundle bundle)
                return (bundle, null);
            return (null, $"This FHIR Bundle cannot be read: {Short(issues.FirstOrDefault()?.Message ?? "it is not valid FHIR R4.", 200)}");
        }
        catch (Exception e) when (e is DeserializationFailedException or FormatException or InvalidOperationException or JsonException)
        {
            return (null, "This FHIR Bundle cannot be read: its structure is not FHIR R4 JSON.");
        }
    }

    /// <summary>A sign that the file is FHIR R5, in words, or null: R5-only resources, R5's CodeableReference for a medicine, R5 statuses, an R5 profile.</summary>
    private static string? R5Sign(JsonElement root)
    {
        foreach (var resource in ResourcesIn(root))
        {
            if (!resource.TryGetProperty("resourceType", out var t) || t.ValueKind != JsonValueKind.String)
                continue;
            var type = t.GetString()!;
            if (R5OnlyResourceTypes.Contains(type))
                return $"it holds {type}, a resource R4 does not have";
            if (MedicationResourceTypes.Contains(type) && resource.TryGetProperty("medication", out _))
                return $"{type}.medication is an R5 CodeableReference, where R4 has medicationCodeableConcept or medicationReference";
            if (type == "MedicationStatement" && resource.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String && status.GetString() is "recorded" or "draft")
                return $"MedicationStatement.status “{status.GetString()}” is an R5 code";
            if (resource.TryGetProperty("fhirVersion", out var version) && version.ValueKind == JsonValueKind.String && version.GetString() is { } v && v.StartsWith('5'))
                return $"it says fhirVersion {Short(v, 12)}";
            if (resource.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("profile", out var profiles) && profiles.ValueKind == JsonValueKind.Array
                && profiles.EnumerateArray().Any(p => p.ValueKind == JsonValueKind.String && p.GetString() is { } url
                    && (url.Contains("hl7.org/fhir/5.0", StringComparison.Ordinal) || url.Contains("hl7.org/fhir/R5", StringComparison.Ordinal))))
                return "it names an R5 profile";
        }

        return null;
    }

    /// <summary>The root resource, each entry's resource and their contained resources.</summary>
    private static IEnumerable<JsonElement> ResourcesIn(JsonElement root)
    {
        var top = new List<JsonElement> { root };
        if (root.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            top.AddRange(entries.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("resource", out var r) && r.ValueKind == JsonValueKind.Object)
                .Select(e => e.GetProperty("resource")));
        }

        foreach (var resource in top)
        {
            yield return resource;
            if (resource.TryGetProperty("contained", out var contained) && contained.ValueKind == JsonValueKind.Array)
            {
                foreach (var inner in contained.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
                    yield return inner;
            }
        }
    }

    /// <summary>Medication resources a statement or request may point at, by every way a reference can name them.</summary>
    private static Dictionary<string, R4.Medication> MedicationsIn(R4.Bundle bundle)
    {
        var byReference = new Dictionary<string, R4.Medication>(StringComparer.Ordinal);
        foreach (var entry in bundle.Entry)
        {
            if (entry.Resource is not R4.Medication medication)
                continue;
            if (entry.FullUrl is { Length: > 0 } url)
                byReference.TryAdd(url, medication);
            if (medication.Id is { Length: > 0 } id)
                byReference.TryAdd($"Medication/{id}", medication);
        }

        return byReference;
    }

    private sealed record Read(MedicineValues? Values, string? RxCui, string? Problem, ReadStatus? Status = null);

    private static Read ReadEntry(R4.Resource resource, Dictionary<string, R4.Medication> medications)
    {
        try
        {
            return resource is R4.MedicationRequest request ? ReadRequest(request, medications) : ReadStatement((R4.MedicationStatement)resource, medications);
        }
        catch (CodedValidationException e)
        {
            // A code the lenient parse kept but R4 does not know, met where the reader needs its meaning.
            return new Read(null, null, $"This {resource.TypeName} is not valid FHIR R4: {Short(e.Message, 200)}");
        }
    }

    private static Read ReadStatement(R4.MedicationStatement statement, Dictionary<string, R4.Medication> medications)
    {
        var (concept, contained) = Concept(statement.Medication, statement.Contained, medications);
        var name = NameOf(concept);
        if (name is null)
            return new Read(null, null, "This MedicationStatement does not name its medicine: its code has no text or display.");
        if (Literal(statement.StatusElement) is "entered-in-error" or "not-taken")
            return new Read(null, null, $"{Short(name, 60)}: the file gives its status as “{Literal(statement.StatusElement)}”, so it is not a medicine taken and is not imported. Remove it from the file.");

        var (start, end) = statement.Effective switch
        {
            R4.Period p => (DayOf(p.Start), DayOf(p.End)),
            R4.FhirDateTime d => (DayOf(d.Value), null),
            _ => (null, (DateOnly?)null),
        };
        var values = Values(name, concept, statement.Dosage.FirstOrDefault(), start, end, statement.Note, contained);
        // A stopped medicine comes back stopped (with its end date and reason), so a round trip keeps the history.
        var reason = statement.StatusReason.Select(r => r.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        var status = Literal(statement.StatusElement) switch
        {
            "stopped" or "completed" => new ReadStatus(MedicineStatus.Stopped, end, Clip(reason)),
            "on-hold" => new ReadStatus(MedicineStatus.Paused, null, Clip(reason)),
            _ => null,
        };
        // For a stopped medicine the period's end is when it stopped (that is how the export writes it), not a planned end.
        if (status?.Status == MedicineStatus.Stopped)
            values = values with { EndDate = null };
        return new Read(values, RxCuiOf(concept), null, status);
    }

    private static Read ReadRequest(R4.MedicationRequest request, Dictionary<string, R4.Medication> medications)
    {
        var (concept, contained) = Concept(request.Medication, request.Contained, medications);
        var name = NameOf(concept);
        if (name is null)
            return new Read(null, null, "This MedicationRequest does not name its medicine: its code has no text or display.");
        if (Literal(request.IntentElement) is not "plan" and var intent)
            return new Read(null, null, $"{Short(name, 60)}: only planned medicines (intent=plan) are imported; this one is {(intent is null ? "without an intent" : "intent=" + Short(intent, 20))}.");
        if (Literal(request.StatusElement) is "cancelled" or "entered-in-error")
            return new Read(null, null, $"{Short(name, 60)}: the file gives its status as “{Literal(request.StatusElement)}”, so it is not a medicine taken and is not imported. Remove it from the file.");

        var dosage = request.DosageInstruction.FirstOrDefault();
        var (start, end) = dosage?.Timing?.Repeat?.Bounds is R4.Period bounds ? (DayOf(bounds.Start), DayOf(bounds.End)) : (null, (DateOnly?)null);
        var values = Values(name, concept, dosage, start, end, request.Note, contained);
        var supply = request.DispenseRequest;
        values = values with
        {
            Prescriber = request.Requester?.Display is { Length: > 0 and <= MedicineRules.ShortTextMaxLength } prescriber ? prescriber : null,
            Quantity = supply?.Quantity?.Value,
            DaysSupply = supply?.ExpectedSupplyDuration is { Value: { } days } duration && duration.Code is "d" or null && days == decimal.Truncate(days) && days is >= 1 and <= 400
                ? (int)days : null,
        };
        var requestStatus = Literal(request.StatusElement) switch
        {
            "stopped" or "completed" => new ReadStatus(MedicineStatus.Stopped, end, null),
            "on-hold" => new ReadStatus(MedicineStatus.Paused, null, null),
            _ => null,
        };
        if (requestStatus?.Status == MedicineStatus.Stopped)
            values = values with { EndDate = null };
        return new Read(values, RxCuiOf(concept), null, requestStatus);
    }

    private static (R4.CodeableConcept? Concept, R4.Medication? Medication) Concept(
        R4.DataType? medication, List<R4.Resource> contained, Dictionary<string, R4.Medication> medications)
    {
        if (medication is R4.CodeableConcept concept)
            return (concept, null);
        if (medication is not R4.ResourceReference { Reference: { Length: > 0 } reference })
            return (null, null);
        var found = reference.StartsWith('#')
            ? contained.OfType<R4.Medication>().FirstOrDefault(m => m.Id == reference[1..])
            : medications.GetValueOrDefault(reference)
                ?? medications.FirstOrDefault(m => m.Key.StartsWith("Medication/", StringComparison.Ordinal) && reference.EndsWith("/" + m.Key, StringComparison.Ordinal)).Value;
        return (found?.Code, found);
    }

    private static string? NameOf(R4.CodeableConcept? concept)
    {
        if (concept is null)
            return null;
        if (!string.IsNullOrWhiteSpace(concept.Text))
            return concept.Text.Trim();
        var coding = concept.Coding.FirstOrDefault(c => c.System == ProfileFhirExport.RxNormSystem && !string.IsNullOrWhiteSpace(c.Display))
            ?? concept.Coding.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Display));
        return coding?.Display?.Trim();
    }

    private static string? RxCuiOf(R4.CodeableConcept? concept) =>
        concept?.Coding.FirstOrDefault(c => c.System == ProfileFhirExport.RxNormSystem && c.Code is { Length: > 0 and <= 12 } code && code.All(char.IsAsciiDigit))?.Code;

    private static MedicineValues Values(
        string name, R4.CodeableConcept? concept, R4.Dosage? dosage, DateOnly? start, DateOnly? end, List<R4.Annotation> notes, R4.Medication? medication)
    {
        // An NDC that is not a package NDC in a shape MedAtlas reads is left out rather than fail the row.
        var ndc = concept?.Coding.Where(c => c.System == ProfileFhirExport.NdcSystem).Select(c => Ndc.Normalize(c.Code)).FirstOrDefault(n => n is not null);
        var lot = medication?.Batch?.LotNumber is { Length: > 0 and <= 40 } l ? l : null;

        var (amount, unit) = Dose(dosage);
        var (frequency, count) = Frequency(dosage);
        var text = new List<string>();
        text.AddRange(notes.Select(n => n.Text).OfType<string>().Where(t => t.Trim().Length > 0));
        // What the fields cannot hold ("every other day", "with meals", "1-2 tablets") is kept in the prescriber's words.
        if (dosage?.Text is { Length: > 0 } written && written != MedicineRules.DoseText(amount, unit, frequency, count))
            text.Add($"Dose as written in the file: {written}");

        return new MedicineValues(
            name, null, null, amount, unit, frequency, count, Route(dosage?.Route), start, null, null,
            ndc is null ? null : Ndc.Display(ndc), lot, null, null, end, null,
            text.Count == 0 ? null : string.Join("\n", text));
    }

    private static (decimal? Amount, string? Unit) Dose(R4.Dosage? dosage)
    {
        if (dosage?.DoseAndRate.Select(d => d.Dose).OfType<R4.Quantity>().FirstOrDefault() is not { Value: { } value } quantity)
            return (null, null);
        var word = (quantity.Unit ?? quantity.Code)?.Trim().Trim('{', '}').Trim();
        if (string.IsNullOrEmpty(word))
            return (value, null);
        if (DoseUnitWords.TryGetValue(word, out var unit) || (word.EndsWith('s') && DoseUnitWords.TryGetValue(word[..^1], out unit)))
            return (value, unit);
        return (value, MedicineRules.DoseUnits.FirstOrDefault(u => string.Equals(u, word, StringComparison.OrdinalIgnoreCase)) ?? "other");
    }

    private static (DoseFrequency Frequency, int? Count) Frequency(R4.Dosage? dosage)
    {
        if (dosage is null)
            return (DoseFrequency.NotStated, null);
        var asNeeded = dosage.AsNeeded is R4.FhirBoolean { Value: true } or R4.CodeableConcept;
        var (frequency, count) = Schedule(dosage.Timing);
        if (asNeeded)
            return (DoseFrequency.AsNeeded, frequency == DoseFrequency.TimesADay ? count : null);
        return (frequency, count);
    }

    private static (DoseFrequency Frequency, int? Count) Schedule(R4.Timing? timing)
    {
        if (timing is null)
            return (DoseFrequency.NotStated, null);
        if (timing.Code?.Coding.Select(c => c.Code).FirstOrDefault(code => code is not null && TimingCodes.ContainsKey(code)) is { } coded)
            return TimingCodes[coded];
        if (timing.Repeat is not { } repeat)
            return (DoseFrequency.NotStated, null);
        if (repeat is { Count: 1, Frequency: null, Period: null })
            return (DoseFrequency.Once, null);

        var hours = repeat.PeriodUnit switch
        {
            R4.Timing.UnitsOfTime.H => repeat.Period,
            R4.Timing.UnitsOfTime.D => repeat.Period * 24,
            R4.Timing.UnitsOfTime.Wk => repeat.Period * 168,
            _ => null,
        };
        if (hours is not { } h || h <= 0)
            return (DoseFrequency.NotStated, null);
        var times = repeat.Frequency ?? 1;
        if (repeat.PeriodUnit == R4.Timing.UnitsOfTime.H && times == 1 && h == decimal.Truncate(h) && h is >= 1 and <= 72)
            return (DoseFrequency.EveryHours, (int)h);
        var perDay = times * 24 / h;
        if (perDay == decimal.Truncate(perDay) && perDay is >= 1 and <= 24)
            return (DoseFrequency.TimesADay, (int)perDay);
        var perWeek = times * 168 / h;
        if (perWeek == decimal.Truncate(perWeek) && perWeek is >= 1 and <= 7)
            return (DoseFrequency.TimesAWeek, (int)perWeek);
        return (DoseFrequency.NotStated, null);
    }

    private static string? Route(R4.CodeableConcept? route)
    {
        var words = new[] { route?.Text }.Concat(route?.Coding.Select(c => c.Display) ?? []).Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w!.Trim()).ToList();
        if (words.Count == 0)
            return null;
        if (words.Select(w => MedicineRules.Routes.FirstOrDefault(r => string.Equals(r, w, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(r => r is not null) is { } exact)
            return exact;
        foreach (var word in words)
        {
            foreach (var (hint, mapped) in RouteWords)
            {
                if (word.Contains(hint, StringComparison.OrdinalIgnoreCase))
                    return mapped;
            }
        }

        return "other";
    }

    /// <summary>A FHIR date or dateTime as a day; a year or a month alone is not a day, and is left out.</summary>
    private static DateOnly? DayOf(string? value) =>
        value is { Length: >= 10 } && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>A code as the file wrote it. The enum getters throw for a code outside R4's value set, which a lenient parse keeps.</summary>
    private static string? Literal(R4.PrimitiveType? code) => code?.JsonValue as string;

    /// <summary>A stop reason as MedAtlas keeps it: trimmed to the field's length, null when empty.</summary>
    private static string? Clip(string? reason) =>
        Text.CleanOptional(reason) is { } r ? r[..Math.Min(r.Length, MedicineRules.ShortTextMaxLength)] : null;

    private static string Short(string text, int max = 40) => text.Length > max ? text[..max] + "…" : text;
}
