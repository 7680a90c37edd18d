using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

[Authorize]
internal sealed class NewProfileModel(MedicineList list, ProfileAccess access) : PageModel, IProfileFormPage
{
    [BindProperty]
    public ProfileForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // The first profile is usually the person's own.
        var existing = await access.ListAsync(User, cancellationToken);
        if (!existing.Any(p => p.Role == ProfileRole.Owner && p.Profile.Relationship == Relationship.Self))
            Input = new ProfileForm { Name = "Me", Relationship = Relationship.Self };
        else
            Input = new ProfileForm { Relationship = Relationship.Child };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var values = Input.ToValues(ModelState, nameof(Input));
        if (values is null)
            return Page();
        var (profile, problems) = await list.CreateProfileAsync(User, values, cancellationToken);
        if (profile is null)
        {
            problems.AddTo(ModelState, nameof(Input));
            return Page();
        }

        return Redirect($"/my/profiles/{profile.Id}");
    }
}
