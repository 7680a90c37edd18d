using System.Security.Claims;
using MedAtlas.Web.Features.MyMedicine;

namespace MedAtlas.Web.Features.Tools.Pages;

/// <summary>One of the signed-in person's profiles on the public calculator: a link to its settings, saved or to save.</summary>
internal sealed record SavedBolusLink(Guid ProfileId, string Name, bool HasSettings, bool CanManage)
{
    public string Path => $"/my/profiles/{ProfileId}/bolus";

    /// <summary>The person's profiles (owned first, as My Medicine lists them); empty for a visitor.</summary>
    public static async Task<IReadOnlyList<SavedBolusLink>> ListAsync(
        ClaimsPrincipal user, ProfileAccess access, BolusSettingsStore settings, CancellationToken cancellationToken)
    {
        var profiles = await access.ListAsync(user, cancellationToken);
        if (profiles.Count == 0)
            return [];
        var saved = await settings.WithSettingsAsync([.. profiles.Select(p => p.Profile.Id)], cancellationToken);
        return [.. profiles.Select(p => new SavedBolusLink(p.Profile.Id, p.Profile.Name, saved.Contains(p.Profile.Id), p.Role >= ProfileRole.Manager))];
    }
}
