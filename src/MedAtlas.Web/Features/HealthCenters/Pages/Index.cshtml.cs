using MedAtlas.Web.Infrastructure.Web;
using MedAtlas.Web.Features.Accounts;

namespace MedAtlas.Web.Features.HealthCenters.Pages;

[PublicCache]
internal sealed class IndexModel(HealthContent content, PublicLinks links) : HealthPage(links)
{
    public IReadOnlyList<CenterCard> Centers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Centers = await content.CentersAsync(cancellationToken);
}
