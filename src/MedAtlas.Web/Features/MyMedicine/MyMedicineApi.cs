using System.Security.Claims;
using System.Text.Json;
using MedAtlas.Web.Features.Interactions;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>
/// The personal JSON API under <c>/api/v1/my</c>: the signed-in account's profiles, their medicines and their safety
/// checks, with the sign-in cookie or a personal access token. Every id goes through <see cref="ProfileAccess"/>, so
/// another account's profile, and a write by a caregiver who may only view, is a 404 like an id that does not
/// exist. Changes go through <see cref="MedicineList"/>, the same checks and history as the pages.
/// </summary>
internal static class MyMedicineApi
{
    private const string Profile = "/profiles/{profileId:guid}";
    private const string Medicine = Profile + "/medicines/{medicineId:guid}";

    public static RouteGroupBuilder MapMyMedicineApi(this RouteGroupBuilder group)
    {
        group.MapGet("/profiles", ListProfilesAsync)
            .WithName("ListMyProfiles")
            .WithSummary("The profiles you keep and those shared with you")
            .WithDescription("Owned first. role: owner, manager (may change the list) or viewer. worstInteraction: the most serious interaction on the active list (contraindicated, major, moderate, minor, unknown), or null when the catalogue knows of none.");
        group.MapPost("/profiles", CreateProfileAsync)
            .Accepts<ProfileRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("CreateMyProfile")
            .WithSummary("Add a profile (you, or a family member) to your account")
            .WithDescription("name is required (up to 80 characters). relationship: self, child, partner, parent, sibling, grandparent, grandchild, otherRelative, friend or other (the default). " +
                "sex: notStated (the default), female, male or intersex. birthYear from 1900 to this year; weightKg from 0.3 to 400. An account keeps at most 30 profiles.");
        group.MapGet(Profile, GetProfileAsync)
            .Reads()
            .WithName("GetMyProfile")
            .WithSummary("A profile with its conditions, allergies and medicines")
            .WithDescription("Medicines: active first, then paused, then stopped. checked: the medicine is a catalogue drug and so is in the safety checks; runsOutOn: when an active medicine's supply ends, from the days' supply, the quantity and dose, or the end date.");
        group.MapGet(Profile + "/medicines", ListMedicinesAsync)
            .Reads()
            .WithName("ListMyMedicines")
            .WithSummary("A profile's medicines");
        group.MapPost(Profile + "/medicines", AddMedicineAsync)
            .Writes()
            .Accepts<MedicineRequest>("application/json")
            .WithName("AddMyMedicine")
            .WithSummary("Add a medicine to a profile")
            .WithDescription("name is required. drugSlug picks a catalogue drug; without it, a name the catalogue knows (brand or generic) is matched, and any other name is kept as typed, with checked: false (not in the safety checks). " +
                "frequency: notStated, timesADay, everyHours, timesAWeek, asNeeded or once, with frequencyCount. ndc as on the label, with dashes. Dates as YYYY-MM-DD. Bad values answer 400 with each field's problem; nothing is saved then.");
        group.MapGet(Medicine, GetMedicineAsync)
            .Reads()
            .WithName("GetMyMedicine")
            .WithSummary("One medicine of a profile");
        group.MapPut(Medicine, UpdateMedicineAsync)
            .Writes()
            .Accepts<MedicineRequest>("application/json")
            .WithName("UpdateMyMedicine")
            .WithSummary("Replace a medicine's details")
            .WithDescription("The whole medicine, as for adding: a field left out becomes empty. The change goes into the medicine's history.");
        group.MapPost(Medicine + "/stop", StopMedicineAsync)
            .Writes()
            .Accepts<StopRequest>("application/json")
            .WithName("StopMyMedicine")
            .WithSummary("Stop a medicine")
            .WithDescription("date: the day it was stopped (today when left out; not in the future). reason: optional. A stopped medicine stays on the list's history and leaves the safety checks.");
        group.MapPost(Medicine + "/pause", PauseMedicineAsync)
            .Writes()
            .Accepts<PauseRequest>("application/json")
            .WithName("PauseMyMedicine")
            .WithSummary("Pause a medicine (leaves the safety checks until resumed)");
        group.MapPost(Medicine + "/resume", ResumeMedicineAsync)
            .Writes()
            .Accepts<PauseRequest>("application/json")
            .WithName("ResumeMyMedicine")
            .WithSummary("Take a paused or stopped medicine again");
        group.MapGet(Profile + "/checks", ChecksAsync)
            .Reads()
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                // Two answers for one path: the summary, or with ?drug= the candidate's check. OpenAPI says "one of".
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var json) == true)
                {
                    json.Schema = new OpenApiSchema
                    {
                        Description = "ChecksResponse without drug; CandidateCheckResponse with drug.",
                        OneOf = [await context.GetOrCreateSchemaAsync(typeof(ChecksResponse), null, cancellationToken), await context.GetOrCreateSchemaAsync(typeof(CandidateCheckResponse), null, cancellationToken)],
                    };
                }
            })
            .WithName("CheckMyProfile")
            .WithSummary("The safety checks of a profile's active list, or of one medicine against it")
            .WithDescription("Without drug: the whole summary the profile page shows (interactions worst first, duplicates, food and alcohol, allergy warnings, condition cautions, pregnancy sections, names not checked). " +
                "With drug (a catalogue slug or a brand or generic name): a small CandidateCheckResponse for that one medicine against the active list, as the add-medicine page asks while someone types; editing: the id of the medicine being edited, left out of the list. " +
                "An empty section means the catalogue knows of nothing, not that a combination is safe.");
        return group;
    }

    /// <summary>A read of one profile: 404 when it is not one this account may see.</summary>
    private static RouteHandlerBuilder Reads(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>A change: 404 as for reads (and for a caregiver who may only view), 413 and 415 from the body reader.</summary>
    private static RouteHandlerBuilder Writes(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<Ok<List<ProfileSummaryResponse>>> ListProfilesAsync(
        ClaimsPrincipal user, ProfileAccess access, MedicineSafety safety, MedAtlasDbContext db, CancellationToken cancellationToken)
    {
        var profiles = await access.ListAsync(user, cancellationToken);
        // The ids come from ProfileAccess, already limited to what this account may see.
        var ids = profiles.Select(p => p.Profile.Id).ToList();
        var active = (await db.Set<SavedMedicine>().AsNoTracking()
                .Where(m => ids.Contains(m.ProfileId) && m.Status == MedicineStatus.Active)
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.ProfileId);
        var list = new List<ProfileSummaryResponse>();
        foreach (var (profile, role) in profiles)
        {
            var medicines = active[profile.Id].ToList();
            var worst = medicines.Count < 2 ? null : (await safety.CheckListAsync(profile, medicines, cancellationToken)).Worst;
            list.Add(new ProfileSummaryResponse(profile.Id, profile.Name, ApiText.Code(profile.Relationship), ApiText.Code(role), medicines.Count,
                worst is { } w ? ApiText.Severity(w) : null));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Results<Created<ProfileResponse>, ValidationProblem, ProblemHttpResult>> CreateProfileAsync(
        HttpRequest request, ClaimsPrincipal user, MedicineList list, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ProfileRequest>(request, cancellationToken);
        if (body.Refused is { } refused)
            return refused;
        if (body.Invalid is { } invalid)
            return invalid;

        var r = body.Value!;
        var problems = new List<FieldProblem>();
        var relationship = Relationship.Other;
        var sex = Sex.NotStated;
        if (r.Relationship is { Length: > 0 } rel && !ApiText.TryParse(rel, out relationship))
            problems.Add(new(nameof(r.Relationship), $"Use one of: {string.Join(", ", ApiText.Codes<Relationship>())}."));
        if (r.Sex is { Length: > 0 } given && !ApiText.TryParse(given, out sex))
            problems.Add(new(nameof(r.Sex), $"Use one of: {string.Join(", ", ApiText.Codes<Sex>())}."));
        var values = new ProfileValues(r.Name, relationship, r.BirthYear, sex, r.WeightKg, r.Pregnant ?? false, r.Breastfeeding ?? false);
        if (problems.Count > 0)
            return Invalid([.. problems, .. ProfileRules.Check(values, list.Today.Year)]);

        var (profile, wrong) = await list.CreateProfileAsync(user, values, cancellationToken);
        if (profile is null)
            return Invalid(wrong);
        var response = new ProfileResponse(
            profile.Id, profile.Name, ApiText.Code(profile.Relationship), ApiText.Code(ProfileRole.Owner), profile.BirthYear, ApiText.Code(profile.Sex),
            profile.WeightKg, profile.Pregnant, profile.Breastfeeding, [], [], []);
        return TypedResults.Created($"/api/v1/my/profiles/{profile.Id}", response);
    }

    private static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> GetProfileAsync(
        Guid profileId, ClaimsPrincipal user, ProfileAccess access, InteractionChecker checker, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(user, profileId, ProfileRole.Viewer, cancellationToken) is not { } grant)
            return ProfileNotFound();
        var medicines = await access.MedicinesAsync(grant, cancellationToken);
        var known = await CatalogueSlugsAsync(checker, medicines, cancellationToken);
        await access.RecordAsync(grant, user, "viewed", "Opened the profile through the API", save: true, cancellationToken);
        var p = grant.Profile;
        return TypedResults.Ok(new ProfileResponse(
            p.Id, p.Name, ApiText.Code(p.Relationship), ApiText.Code(grant.Role), p.BirthYear, ApiText.Code(p.Sex), p.WeightKg, p.Pregnant, p.Breastfeeding,
            [.. p.Conditions.Select(c => new ConditionResponse(c.Name, c.ConditionSlug))],
            [.. p.Allergies.Select(a => new AllergyResponse(ApiText.Code(a.Kind), a.Name, a.Target, a.Reaction))],
            [.. medicines.Select(m => Response(m, known))]));
    }

    private static async Task<Results<Ok<List<MedicineResponse>>, ProblemHttpResult>> ListMedicinesAsync(
        Guid profileId, ClaimsPrincipal user, ProfileAccess access, InteractionChecker checker, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(user, profileId, ProfileRole.Viewer, cancellationToken) is not { } grant)
            return ProfileNotFound();
        var medicines = await access.MedicinesAsync(grant, cancellationToken);
        var known = await CatalogueSlugsAsync(checker, medicines, cancellationToken);
        await access.RecordAsync(grant, user, "viewed", "Listed the medicines through the API", save: true, cancellationToken);
        return TypedResults.Ok(medicines.Select(m => Response(m, known)).ToList());
    }

    private static async Task<Results<Ok<MedicineResponse>, ProblemHttpResult>> GetMedicineAsync(
        Guid profileId, Guid medicineId, ClaimsPrincipal user, ProfileAccess access, InteractionChecker checker, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(user, profileId, ProfileRole.Viewer, cancellationToken) is not { } grant)
            return ProfileNotFound();
        if (await access.MedicineAsync(grant, medicineId, cancellationToken) is not { } medicine)
            return MedicineNotFound();
        await access.RecordAsync(grant, user, "viewed", $"Opened {medicine.Name} through the API", save: true, cancellationToken);
        return TypedResults.Ok(Response(medicine, await CatalogueSlugsAsync(checker, [medicine], cancellationToken)));
    }

    private static async Task<Results<Created<MedicineResponse>, ValidationProblem, ProblemHttpResult>> AddMedicineAsync(
        Guid profileId, HttpRequest request, ClaimsPrincipal user, ProfileAccess access, MedicineList list, CancellationToken cancellationToken)
    {
        // The profile first: another account's id is a 404 whatever the body holds.
        if (await access.FindAsync(user, profileId, ProfileRole.Manager, cancellationToken) is not { } grant)
            return ProfileNotFound();
        var body = await JsonBody.ReadAsync<MedicineRequest>(request, cancellationToken);
        if (body.Refused is { } refused)
            return refused;
        if (body.Invalid is { } invalid)
            return invalid;
        var (values, wrong) = ValuesOf(body.Value!, list.Today);
        if (values is null)
            return Invalid(wrong);

        var (medicine, problems) = await list.AddAsync(grant, values, user, cancellationToken);
        if (problems.Count > 0)
            return Invalid(problems);
        var response = Response(medicine!, medicine!.DrugSlug is null ? [] : [medicine.DrugSlug]);
        return TypedResults.Created($"/api/v1/my/profiles/{profileId}/medicines/{medicine.Id}", response);
    }

    private static async Task<Results<Ok<MedicineResponse>, ValidationProblem, ProblemHttpResult>> UpdateMedicineAsync(
        Guid profileId, Guid medicineId, HttpRequest request, ClaimsPrincipal user, ProfileAccess access, MedicineList list, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(user, profileId, ProfileRole.Manager, cancellationToken) is not { } grant)
            return ProfileNotFound();
        if (await access.MedicineAsync(grant, medicineId, cancellationToken) is not { } medicine)
            return MedicineNotFound();
        var body = await JsonBody.ReadAsync<MedicineRequest>(request, cancellationToken);
        if (body.Refused is { } refused)
            return refused;
        if (body.Invalid is { } invalid)
            return invalid;
        var (values, wrong) = ValuesOf(body.Value!, list.Today);
        if (values is null)
            return Invalid(wrong);

        var problems = await list.UpdateAsync(grant, medicine, values, user, cancellationToken);
        if (problems.Count > 0)
            return Invalid(problems);
        return TypedResults.Ok(Response(medicine, medicine.DrugSlug is null ? [] : [medicine.DrugSlug]));
    }

    private static Task<Results<Ok<MedicineResponse>, ValidationProblem, ProblemHttpResult>> StopMedicineAsync(
        Guid profileId, Guid medicineId, HttpRequest request, ClaimsPrincipal user, ProfileAccess access, MedicineList list, InteractionChecker checker, CancellationToken cancellationToken) =>
        ChangeStatusAsync<StopRequest>(profileId, medicineId, request, user, access, list, checker, new StopRequest(null, null),
            (b) => (MedicineStatus.Stopped, b.Date, b.Reason), cancellationToken);

    private static Task<Results<Ok<MedicineResponse>, ValidationProblem, ProblemHttpResult>> PauseMedicineAsync(
        Guid profileId, Guid medicineId, HttpRequest request, ClaimsPrincipal user, ProfileAccess access, MedicineList list, InteractionChecker checker, CancellationToken cancellationToken) =>
        ChangeStatusAsync<PauseRequest>(profileId, medicineId, request, user, access, list, checker, new PauseRequest(null),
            (b) => (MedicineStatus.Paused, null, b.Reason), cancellationToken);

    private static Task<Results<Ok<MedicineResponse>, ValidationProblem, ProblemHttpResult>> ResumeMedicineAsync(
        Guid profileId, Guid medicineId, HttpRequest request, ClaimsPrincipal user, ProfileAccess access, MedicineList list, InteractionChecker checker, CancellationToken cancellationToken) =>
        ChangeStatusAsync<PauseRequest>(profileId, medicineId, request, user, access, list, checker, new PauseRequest(null),
            (_) => (MedicineStatus.Active, null, null), cancellationToken);

    private static async Task<Results<Ok<MedicineResponse>, ValidationProblem, ProblemHttpResult>> ChangeStatusAsync<TBody>(
        Guid profileId, Guid medicineId, HttpRequest request, ClaimsPrincipal user, ProfileAccess access, MedicineList list, InteractionChecker checker,
        TBody whenEmpty, Func<TBody, (MedicineStatus Status, DateOnly? On, string? Reason)> change, CancellationToken cancellationToken)
        where TBody : class
    {
        if (await access.FindAsync(user, profileId, ProfileRole.Manager, cancellationToken) is not { } grant)
            return ProfileNotFound();
        if (await access.MedicineAsync(grant, medicineId, cancellationToken) is not { } medicine)
            return MedicineNotFound();
        // Always JSON, even when there is nothing to say: that is what keeps a cross-site form out (PersonalApi).
        var body = await JsonBody.ReadAsync(request, cancellationToken, whenEmpty);
        if (body.Refused is { } refused)
            return refused;
        if (body.Invalid is { } invalid)
            return invalid;

        var (status, on, reason) = change(body.Value!);
        var problems = await list.SetStatusAsync(grant, medicine, status, on, reason, user, cancellationToken);
        if (problems.Count > 0)
            return Invalid([.. problems.Select(p => p.Field == "StoppedOn" ? p with { Field = "Date" } : p)]);
        return TypedResults.Ok(Response(medicine, await CatalogueSlugsAsync(checker, [medicine], cancellationToken)));
    }

    private static async Task<Results<Ok<ChecksResponse>, Ok<CandidateCheckResponse>, ValidationProblem, ProblemHttpResult>> ChecksAsync(
        Guid profileId, string? drug, string? editing, ClaimsPrincipal user, ProfileAccess access, MedicineSafety safety, InteractionChecker checker,
        CancellationToken cancellationToken)
    {
        if (await access.FindAsync(user, profileId, ProfileRole.Viewer, cancellationToken) is not { } grant)
            return ProfileNotFound();
        var medicines = await access.MedicinesAsync(grant, cancellationToken);
        if (drug is null)
        {
            var report = await safety.CheckListAsync(grant.Profile, medicines, cancellationToken);
            await access.RecordAsync(grant, user, "viewed", "Checked the list through the API", save: true, cancellationToken);
            return TypedResults.Ok(Summary(report));
        }

        // The live check while someone types is not logged: the page it serves is, and a line per keystroke would bury the log.
        var input = Infrastructure.Text.SearchText.Normalize(drug).Length == 0 ? "" : drug.Trim();
        if (input.Length is 0 or > MedicineRules.NameMaxLength)
            return Invalid([new FieldProblem("Drug", $"Enter a medicine's name or catalogue slug, up to {MedicineRules.NameMaxLength} characters.")]);
        Guid? editingId = null;
        if (editing is not null)
        {
            if (!Guid.TryParse(editing, out var id))
                return Invalid([new FieldProblem("Editing", "Give the id of the medicine being edited, or leave editing out.")]);
            editingId = id;
        }

        var (found, unknown) = await checker.ResolveAsync([input], cancellationToken);
        if (found.Count == 0)
        {
            var guess = unknown.Count > 0 && unknown[0] is { DidYouMeanSlug: { } slug, DidYouMeanName: { } name } ? new DrugRefResponse(slug, name) : null;
            return TypedResults.Ok(new CandidateCheckResponse(input, false, null, guess, null, []));
        }

        var candidate = found[0].Drug;
        var one = await safety.CheckOneAsync(grant.Profile, medicines, candidate.Name, candidate.Slug, editingId, cancellationToken);
        return TypedResults.Ok(Candidate(input, candidate, one));
    }

    private static ChecksResponse Summary(SafetyReport s)
    {
        var r = s.Report;
        var slugs = r.Checked.Select(c => c.Drug.Slug).Distinct().ToList();
        return new ChecksResponse(
            s.Worst is { } worst ? ApiText.Severity(worst) : null,
            s.WarningCount,
            [.. r.Checked.Select(c => new CheckedMedicineResponse(c.Input, Ref(c.Drug)))],
            s.NotChecked,
            [.. r.Interactions.Select(i => new ListInteractionResponse(Ref(i.A), Ref(i.B), ApiText.Severity(i.Severity), i.Summary, i.Management, i.SourcesDisagree,
                [.. i.Sources.Select(x => new SourceSeverityResponse(x.Name, ApiText.Severity(x.Severity)))]))],
            [.. r.Duplicates.Select(d => new ListDuplicateResponse(d.Kind == DuplicateKind.Ingredient ? "ingredient" : "class", d.TargetName, [.. d.Drugs.Select(Ref)], d.Summary, d.DailyLimit, d.Management))],
            [.. r.FoodAndAlcohol.Select(f => new ListFoodResponse(Ref(f.Drug), f.Item, ApiText.Severity(f.Severity), f.Summary, f.Management))],
            [.. s.Allergies.Select(a => new AllergyWarningResponse(a.MedicineName, new DrugRefResponse(a.DrugSlug, a.MedicineName), a.Allergy.Name, a.Allergy.Reaction, a.Why))],
            [.. s.Conditions.Select(c => new CautionResponse(Ref(c.Drug), c.ConditionName, ApiText.Severity(c.Severity), c.Summary, c.Management))],
            [.. s.Pregnancy.Select(p => new PregnancyNoteResponse(new DrugRefResponse(p.DrugSlug, p.DrugName), PregnancyUrl(p.DrugSlug)))],
            s.ConditionsNotChecked,
            slugs.Count >= 2 && slugs.Count <= InteractionChecker.MaxMedicines ? "/interaction-checker?drugs=" + string.Join(',', slugs.Select(Uri.EscapeDataString)) : null);
    }

    private static CandidateCheckResponse Candidate(string input, CheckedDrug candidate, SafetyReport s)
    {
        var r = s.Report;
        string Other(FoundInteraction i) => i.A.Id == candidate.Id ? i.B.Name : i.A.Name;
        var warnings = new List<CandidateWarningResponse>();
        warnings.AddRange(s.Allergies.Select(a => new CandidateWarningResponse("allergy", null, a.Why, a.Allergy.Name)));
        warnings.AddRange(s.AlreadyListed.Select(name => new CandidateWarningResponse("alreadyListed", null, $"{candidate.Name} is already on the list as “{name}”.", name)));
        warnings.AddRange(r.Interactions.Select(i => new CandidateWarningResponse(
            "interaction", ApiText.Severity(i.Severity), i.Summary ?? $"{i.A.Name} and {i.B.Name}: {ApiText.Severity(i.Severity)} interaction.", Other(i))));
        warnings.AddRange(r.Duplicates.Select(d => new CandidateWarningResponse(
            "duplicate", null, d.Summary, string.Join(", ", d.Drugs.Where(x => x.Id != candidate.Id).Select(x => x.Name)))));
        warnings.AddRange(s.Conditions.Select(c => new CandidateWarningResponse("condition", ApiText.Severity(c.Severity), c.Summary, c.ConditionName)));
        warnings.AddRange(r.FoodAndAlcohol.Select(f => new CandidateWarningResponse("food", ApiText.Severity(f.Severity), f.Summary, f.Item)));
        warnings.AddRange(s.Pregnancy.Select(p => new CandidateWarningResponse("pregnancy", null, $"{p.DrugName}'s monograph has a section on pregnancy and breastfeeding.", PregnancyUrl(p.DrugSlug))));
        return new CandidateCheckResponse(input, true, Ref(candidate), null, s.Worst is { } worst ? ApiText.Severity(worst) : null, warnings);
    }

    /// <summary>The request as the list's values, or the problem with a value that has no place in them (an unknown frequency).</summary>
    private static (MedicineValues? Values, List<FieldProblem> Problems) ValuesOf(MedicineRequest r, DateOnly today)
    {
        var frequency = DoseFrequency.NotStated;
        var problems = new List<FieldProblem>();
        if (r.Frequency is { Length: > 0 } text && !ApiText.TryParse(text, out frequency))
            problems.Add(new FieldProblem(nameof(r.Frequency), $"Use one of: {string.Join(", ", ApiText.Codes<DoseFrequency>())}."));
        var values = new MedicineValues(
            r.Name, r.DrugSlug, r.Strength, r.DoseAmount, r.DoseUnit, frequency, r.FrequencyCount, r.Route, r.StartDate,
            r.Prescriber, r.Pharmacy, r.Ndc, r.LotNumber, r.Quantity, r.DaysSupply, r.EndDate, r.RemindDaysBefore, r.Notes);
        if (problems.Count == 0)
            return (values, problems);
        // Report the rest too, so a script fixes everything at once.
        problems.AddRange(MedicineRules.Check(values, today).Problems.Where(p => p.Field != nameof(MedicineValues.FrequencyCount)));
        return (null, problems);
    }

    private static ValidationProblem Invalid(IEnumerable<FieldProblem> problems) =>
        TypedResults.ValidationProblem(problems
            .GroupBy(p => JsonNamingPolicy.CamelCase.ConvertName(p.Field))
            .ToDictionary(g => g.Key, g => g.Select(p => ForApi(g.Key, p.Message)).Distinct().ToArray()));

    /// <summary>The page's "choose from the list" is a list a script cannot see: name the choices.</summary>
    private static string ForApi(string field, string message) => field switch
    {
        "doseUnit" => $"{message} One of: {string.Join(", ", MedicineRules.DoseUnits)}.",
        "route" => $"{message} One of: {string.Join(", ", MedicineRules.Routes)}.",
        _ => message,
    };

    private static MedicineResponse Response(SavedMedicine m, IReadOnlyCollection<string> catalogueSlugs) => new(
        m.Id, m.Name, m.DrugSlug, m.DrugSlug is not null && catalogueSlugs.Contains(m.DrugSlug), m.Strength, m.DoseAmount, m.DoseUnit,
        ApiText.Code(m.Frequency), m.FrequencyCount, MedicineRules.DoseText(m.DoseAmount, m.DoseUnit, m.Frequency, m.FrequencyCount), m.Route, m.StartDate,
        m.Prescriber, m.Pharmacy, m.Ndc is null ? null : Drugs.Ndc.Display(m.Ndc), m.LotNumber, m.Quantity, m.DaysSupply, m.EndDate, m.LastFilledOn,
        m.Status == MedicineStatus.Active ? Refills.RunsOutOn(m) : null,
        m.RemindDaysBefore, m.Notes, ApiText.Code(m.Status), m.StoppedOn, m.StopReason, ApiText.Utc(m.CreatedAt), ApiText.Utc(m.UpdatedAt));

    /// <summary>The medicines' slugs that name a catalogue drug now (the same test the safety check makes).</summary>
    private static async Task<HashSet<string>> CatalogueSlugsAsync(InteractionChecker checker, IEnumerable<SavedMedicine> medicines, CancellationToken cancellationToken)
    {
        var slugs = medicines.Where(m => m.DrugSlug is not null).Select(m => m.DrugSlug!).Distinct().ToList();
        return slugs.Count == 0 ? [] : [.. (await checker.ResolveAsync(slugs, cancellationToken)).Found.Select(f => f.Input)];
    }

    private static DrugRefResponse Ref(CheckedDrug drug) => new(drug.Slug, drug.Name);

    private static string PregnancyUrl(string slug) => $"/drugs/{Uri.EscapeDataString(slug)}#pregnancy";

    // One answer for "not yours" and "does not exist" (PRODUCT.md: 404, never 403).
    private static ProblemHttpResult ProfileNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There is no profile with this id that you may see or change.");

    private static ProblemHttpResult MedicineNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "This profile has no medicine with this id.");
}
