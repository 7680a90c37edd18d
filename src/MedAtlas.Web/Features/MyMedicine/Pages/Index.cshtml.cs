using MedAtlas.Web.Features.Interactions;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.MyMedicine.Pages;

internal sealed record ProfileCard(Profile Profile, ProfileRole Role, int Active, int NotChecked, InteractionSeverity? Worst, int Warnings, string? WorstPair);

/// <summary>/my: every profile the person keeps or helps with, each with its medicine count and its worst interaction.</summary>
[Authorize]
internal sealed class IndexModel(ProfileAccess access, MedicineSafety safety, MedAtlasDbContext db) : PageModel
{
    public List<ProfileCard> Profiles { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var profiles = await access.ListAsync(User, cancellationToken, withDetails: true);
        var ids = profiles.Select(p => p.Profile.Id).ToList();
        var medicines = (await db.Set<SavedMedicine>().AsNoTracking().Where(m => ids.Contains(m.ProfileId) && m.Status == MedicineStatus.Active).ToListAsync(cancellationToken))
            .ToLookup(m => m.ProfileId);
        foreach (var (profile, role) in profiles)
        {
            var list = medicines[profile.Id].ToList();
            var report = await safety.CheckListAsync(profile, list, cancellationToken);
            var worst = report.Report.Interactions.Count > 0 ? report.Report.Interactions[0] : null;
            Profiles.Add(new ProfileCard(profile, role, list.Count, report.NotChecked.Count, report.Worst, report.WarningCount,
                worst is null ? null : $"{worst.A.Name} and {worst.B.Name}"));
        }
    }
}
