using System.Globalization;
using System.Net;
using System.Text;
using Hl7.Fhir.Serialization;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Text;
using MedAtlas.Web.Infrastructure.Web;
using R4 = Hl7.Fhir.Model;

namespace MedAtlas.Web.Features.MyMedicine.Transfer;

/// <summary>
/// A profile as a FHIR R4 document in the shape of the International Patient Summary: a <c>document</c> Bundle whose
/// first entry is a Composition, then the Patient, the Device that wrote it (MedAtlas), one MedicationStatement per
/// medicine, and the allergies and conditions. A medicine is coded with RxNorm where the catalogue knows its
/// ingredient's RxCUI (single-ingredient drugs only), and always carries its name as text.
/// </summary>
internal sealed class ProfileFhirExport(ProfileAccess access, DrugCodes codes, TimeProvider time)
{
    public const string MediaType = "application/fhir+json";
    public const string RxNormSystem = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string NdcSystem = "http://hl7.org/fhir/sid/ndc";
    public const string LoincSystem = "http://loinc.org";
    public const string UcumSystem = "http://unitsofmeasure.org";

    /// <summary>The serializer holds only the model's metadata, built once; it is safe to share between requests.</summary>
    private static readonly FhirJsonSerializer Serializer = new();

    /// <summary>Dose units that are UCUM units as they are; the others ("tablet", "puff") go as text only.</summary>
    private static readonly Dictionary<string, string> UcumCodes = new(StringComparer.Ordinal)
    {
        ["mg"] = "mg",
        ["mcg"] = "ug",
        ["g"] = "g",
        ["mL"] = "mL",
    };

    public async Task<R4.Bundle> BuildAsync(ProfileGrant grant, CancellationToken cancellationToken)
    {
        var medicines = await access.MedicinesAsync(grant, cancellationToken);
        var rxCuis = await codes.RxCuiForAsync(medicines.Select(m => m.DrugSlug).OfType<string>(), cancellationToken);
        var now = time.GetUtcNow();
        // To the second: a document's date reads as a person would write it, and no one needs the ticks.
        return Build(grant.Profile, medicines, rxCuis, now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
    }

    public static byte[] Serialize(R4.Bundle bundle) => Serializer.SerializeToBytes(bundle);

    /// <summary>"medicines-sam-2026-12-01.fhir.json": the profile's name in ASCII, so every browser saves it alike.</summary>
    public static string FileName(Profile profile, DateTimeOffset now)
    {
        var name = SearchText.Slug(profile.Name);
        return $"medicines-{(name.Length is > 0 and <= 40 ? name : "profile")}-{now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.fhir.json";
    }

    public static R4.Bundle Build(Profile profile, IReadOnlyList<SavedMedicine> medicines, IReadOnlyDictionary<string, string> rxCuis, DateTimeOffset now)
    {
        var patientUrl = NewUrl();
        var deviceUrl = NewUrl();
        var patient = new R4.ResourceReference(patientUrl);

        var statements = medicines.Select(m => (Url: NewUrl(), Medicine: m, Resource: Statement(m, patient, rxCuis))).ToList();
        var allergies = profile.Allergies.Select(a => (Url: NewUrl(), Allergy: a, Resource: Allergy(a, patient))).ToList();
        var conditions = profile.Conditions.Select(c => (Url: NewUrl(), Condition: c, Resource: Condition(c, patient))).ToList();

        var composition = new R4.Composition
        {
            Status = R4.CompositionStatus.Final,
            Type = Loinc("60591-5", "Patient summary Document"),
            Subject = patient,
            DateElement = new R4.FhirDateTime(now),
            // The list is kept by the account (a parent, a caregiver), not by the person it is about, and no clinician
            // reviewed it; the honest author is the software that assembled it from what the family entered.
            Author = [new R4.ResourceReference(deviceUrl, "MedAtlas")],
            Title = $"Medication list for {profile.Name}",
        };
        composition.Section.Add(new R4.Composition.SectionComponent
        {
            Title = "Medications",
            Code = Loinc("10160-0", "History of Medication use Narrative"),
            Text = Narrative(statements.Count == 0
                ? Paragraph("No medicines are recorded on this profile.")
                : Table(["Medicine", "Strength", "How to take it", "Route", "Started", "Status"],
                    statements.Select(s => new[]
                    {
                        s.Medicine.Name, s.Medicine.Strength, MedicineRules.DoseText(s.Medicine.DoseAmount, s.Medicine.DoseUnit, s.Medicine.Frequency, s.Medicine.FrequencyCount),
                        s.Medicine.Route, s.Medicine.StartDate?.ToString("d MMM yyyy", CultureInfo.InvariantCulture), StatusText(s.Medicine),
                    }))),
            Entry = [.. statements.Select(s => new R4.ResourceReference(s.Url))],
        });
        if (allergies.Count > 0)
        {
            composition.Section.Add(new R4.Composition.SectionComponent
            {
                Title = "Allergies and intolerances",
                Code = Loinc("48765-2", "Allergies and adverse reactions Document"),
                Text = Narrative(Table(["Allergy", "Reaction"], allergies.Select(a => new[] { a.Allergy.Name, a.Allergy.Reaction }))),
                Entry = [.. allergies.Select(a => new R4.ResourceReference(a.Url))],
            });
        }

        if (conditions.Count > 0)
        {
            composition.Section.Add(new R4.Composition.SectionComponent
            {
                Title = "Problem list",
                Code = Loinc("11450-4", "Problem list - Reported"),
                Text = Narrative(Table(["Condition"], conditions.Select(c => new[] { c.Condition.Name }))),
                Entry = [.. conditions.Select(c => new R4.ResourceReference(c.Url))],
            });
        }

        var bundle = new R4.Bundle
        {
            Type = R4.Bundle.BundleType.Document,
            Identifier = new R4.Identifier("urn:ietf:rfc:3986", NewUrl()),
            Timestamp = now,
        };
        bundle.Entry.Add(Entry(NewUrl(), composition));
        bundle.Entry.Add(Entry(patientUrl, Patient(profile)));
        bundle.Entry.Add(Entry(deviceUrl, new R4.Device
        {
            DeviceName = [new R4.Device.DeviceNameComponent { Name = "MedAtlas", Type = R4.DeviceNameType.UserFriendlyName }],
        }));
        bundle.Entry.AddRange(statements.Select(s => Entry(s.Url, s.Resource)));
        bundle.Entry.AddRange(allergies.Select(a => Entry(a.Url, a.Resource)));
        bundle.Entry.AddRange(conditions.Select(c => Entry(c.Url, c.Resource)));
        return bundle;
    }

    private static R4.Patient Patient(Profile profile)
    {
        var patient = new R4.Patient
        {
            Name = [new R4.HumanName { Text = profile.Name }],
            Gender = profile.Sex switch
            {
                Sex.Female => R4.AdministrativeGender.Female,
                Sex.Male => R4.AdministrativeGender.Male,
                Sex.Intersex => R4.AdministrativeGender.Other,
                _ => null,
            },
        };
        // FHIR dates may be a year alone; the profile knows no more than that.
        if (profile.BirthYear is { } year)
            patient.BirthDateElement = new R4.Date(year);
        return patient;
    }

    private static R4.MedicationStatement Statement(SavedMedicine m, R4.ResourceReference patient, IReadOnlyDictionary<string, string> rxCuis)
    {
        var medication = new R4.CodeableConcept { Text = m.Name };
        if (m.DrugSlug is { } slug && rxCuis.TryGetValue(slug, out var rxCui))
        {
            // No display: RxNorm's own string for the code is not in the catalogue, and a display that differs from
            // it is an error to a validator. The text says what it is.
            medication.Coding.Add(new R4.Coding(RxNormSystem, rxCui));
        }

        // The 11-digit form: the label's 10-digit shape cannot be told back from it, and both are NDCs.
        if (m.Ndc is { } ndc)
            medication.Coding.Add(new R4.Coding(NdcSystem, ndc));

        var statement = new R4.MedicationStatement
        {
            Status = m.Status switch
            {
                MedicineStatus.Paused => R4.MedicationStatement.MedicationStatusCodes.OnHold,
                MedicineStatus.Stopped => R4.MedicationStatement.MedicationStatusCodes.Stopped,
                _ => R4.MedicationStatement.MedicationStatusCodes.Active,
            },
            Medication = medication,
            Subject = patient,
        };
        if (m.Status != MedicineStatus.Active && m.StopReason is { } reason)
            statement.StatusReason.Add(new R4.CodeableConcept { Text = reason });

        var end = m.Status == MedicineStatus.Stopped && m.StoppedOn is { } stopped && (m.EndDate is null || stopped < m.EndDate) ? stopped : m.EndDate;
        if (m.StartDate is not null || end is not null)
            statement.Effective = new R4.Period { Start = Day(m.StartDate), End = Day(end) };

        if (Dosage(m) is { } dosage)
            statement.Dosage.Add(dosage);
        if (m.Notes is { } notes)
            statement.Note.Add(new R4.Annotation { Text = notes });
        return statement;
    }

    private static R4.Dosage? Dosage(SavedMedicine m)
    {
        var text = MedicineRules.DoseText(m.DoseAmount, m.DoseUnit, m.Frequency, m.FrequencyCount);
        if (text.Length == 0 && m.Route is null)
            return null;

        var dosage = new R4.Dosage { Text = text.Length > 0 ? text : null };
        var repeat = m.Frequency switch
        {
            DoseFrequency.TimesADay when m.FrequencyCount is { } n => new R4.Timing.RepeatComponent { Frequency = n, Period = 1, PeriodUnit = R4.Timing.UnitsOfTime.D },
            DoseFrequency.EveryHours when m.FrequencyCount is { } n => new R4.Timing.RepeatComponent { Frequency = 1, Period = n, PeriodUnit = R4.Timing.UnitsOfTime.H },
            DoseFrequency.TimesAWeek when m.FrequencyCount is { } n => new R4.Timing.RepeatComponent { Frequency = n, Period = 1, PeriodUnit = R4.Timing.UnitsOfTime.Wk },
            // With "as needed", a frequency is the most it may be taken: up to N times a day.
            DoseFrequency.AsNeeded when m.FrequencyCount is { } n => new R4.Timing.RepeatComponent { Frequency = n, Period = 1, PeriodUnit = R4.Timing.UnitsOfTime.D },
            DoseFrequency.Once => new R4.Timing.RepeatComponent { Count = 1 },
            _ => null,
        };
        if (repeat is not null)
            dosage.Timing = new R4.Timing { Repeat = repeat };
        if (m.Frequency == DoseFrequency.AsNeeded)
            dosage.AsNeeded = new R4.FhirBoolean(true);
        if (m.Route is { } route)
            dosage.Route = new R4.CodeableConcept { Text = route };
        if (m.DoseAmount is { } amount)
        {
            // The database keeps the column's scale (1.000); FHIR readers expect the number as a person wrote it.
            var quantity = new R4.Quantity { Value = amount / 1.000000000000000000000000000000000m, Unit = m.DoseUnit };
            if (m.DoseUnit is { } unit && UcumCodes.TryGetValue(unit, out var ucum))
            {
                quantity.System = UcumSystem;
                quantity.Code = ucum;
            }

            dosage.DoseAndRate.Add(new R4.Dosage.DoseAndRateComponent { Dose = quantity });
        }

        return dosage;
    }

    private static R4.AllergyIntolerance Allergy(ProfileAllergy allergy, R4.ResourceReference patient)
    {
        var resource = new R4.AllergyIntolerance
        {
            ClinicalStatus = Coded("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active"),
            Code = new R4.CodeableConcept { Text = allergy.Name },
            Patient = patient,
        };
        if (allergy.Kind is AllergyKind.Drug or AllergyKind.Class)
            resource.Category = [R4.AllergyIntolerance.AllergyIntoleranceCategory.Medication];
        if (allergy.Reaction is { } reaction)
            resource.Reaction.Add(new R4.AllergyIntolerance.ReactionComponent { Manifestation = [new R4.CodeableConcept { Text = reaction }] });
        return resource;
    }

    private static R4.Condition Condition(ProfileCondition condition, R4.ResourceReference patient) => new()
    {
        ClinicalStatus = Coded("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"),
        Code = new R4.CodeableConcept { Text = condition.Name },
        Subject = patient,
    };

    private static R4.CodeableConcept Loinc(string code, string display) => Coded(LoincSystem, code, display);

    private static R4.CodeableConcept Coded(string system, string code, string display) => new() { Coding = [new R4.Coding(system, code, display)] };

    private static R4.Bundle.EntryComponent Entry(string fullUrl, R4.Resource resource) => new() { FullUrl = fullUrl, Resource = resource };

    private static string NewUrl() => "urn:uuid:" + Guid.NewGuid().ToString("D");

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string StatusText(SavedMedicine m) => m.Status switch
    {
        MedicineStatus.Paused => "paused",
        MedicineStatus.Stopped when m.StoppedOn is { } on => "stopped " + on.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        MedicineStatus.Stopped => "stopped",
        _ => "taking",
    };

    private static R4.Narrative Narrative(string body) => new()
    {
        Status = R4.Narrative.NarrativeStatus.Generated,
        Div = $"<div xmlns=\"http://www.w3.org/1999/xhtml\">{body}</div>",
    };

    private static string Paragraph(string text) => $"<p>{Encode(text)}</p>";

    private static string Table(IReadOnlyList<string> headings, IEnumerable<string?[]> rows)
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var heading in headings)
            html.Append("<th>").Append(Encode(heading)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append("<td>").Append(Encode(cell ?? "")).Append("</td>");
            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    // XHTML knows only the XML entities; WebUtility writes those and numeric ones, never &nbsp; and the like.
    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>
/// The SDK reads its model's metadata by reflection on first use (most of a second); doing it at start keeps that off
/// the first person's export or import.
/// </summary>
internal sealed class FhirModelWarmup(TimeProvider time) : IWarmable
{
    public Task WarmAsync(CancellationToken cancellationToken)
    {
        var profile = new Profile { AccountId = "", Name = "warm-up" };
        var medicine = new SavedMedicine { Name = "warm-up", DoseAmount = 1, DoseUnit = "tablet", Frequency = DoseFrequency.TimesADay, FrequencyCount = 1 };
        var json = ProfileFhirExport.Serialize(ProfileFhirExport.Build(profile, [medicine], new Dictionary<string, string>(), time.GetUtcNow()));
        new FhirJsonDeserializer().TryDeserializeResource(Encoding.UTF8.GetString(json), out _, out _);
        return Task.CompletedTask;
    }
}
