using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

[Authorize]
internal sealed class EditMedicineModel(ProfileAccess access, MedicineList list) : PageModel, IMedicineFormPage
{
    [BindProperty]
    public MedicineForm Input { get; set; } = new();

    public ProfileGrant Grant { get; private set; } = null!;

    public SavedMedicine Medicine { get; private set; } = null!;

    public string CheckUrl => $"/my/profiles/{Grant.Profile.Id}/medicines/new?handler=Check&editing={Medicine.Id}";

    public async Task<IActionResult> OnGetAsync(Guid profileId, Guid medicineId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, medicineId, cancellationToken))
            return NotFound();
        Input = MedicineForm.From(MedicineList.ValuesOf(Medicine));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid profileId, Guid medicineId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(profileId, medicineId, cancellationToken))
            return NotFound();
        // A changed name is looked up again; the chosen drug is kept only while the name stays the same.
        if (!string.Equals(Text.Clean(Input.Name), Medicine.Name, StringComparison.Ordinal))
            Input.DrugSlug = null;
        var values = Input.ToValues(ModelState, nameof(Input));
        if (values is null)
            return Page();
        var problems = await list.UpdateAsync(Grant, Medicine, values, User, cancellationToken);
        if (problems.Count > 0)
        {
            problems.AddTo(ModelState, nameof(Input));
            return Page();
        }

        return Redirect($"/my/profiles/{profileId}/medicines/{medicineId}");
    }

    private async Task<bool> LoadAsync(Guid profileId, Guid medicineId, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken) is not { } grant
            || await access.MedicineAsync(grant, medicineId, cancellationToken) is not { } medicine)
            return false;
        (Grant, Medicine) = (grant, medicine);
        return true;
    }
}
