using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.HealthCenters.Pages;

/// <summary>What every health page shares: its absolute canonical address (from <c>MedAtlas:PublicUrl</c> when set).</summary>
internal abstract class HealthPage(PublicLinks links) : PageModel
{
    public string Canonical(string path) => links.To(Request, path);
}
