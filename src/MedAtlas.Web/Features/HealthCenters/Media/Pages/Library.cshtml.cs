using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.HealthCenters.Media.Pages;

/// <summary>
/// /admin/content/media: content staff upload images for articles and copy the Markdown that shows one. Every Writer may
/// upload; what reaches readers is decided when the article that uses the image passes its review.
/// </summary>
[Authorize(Policy = StaffRoles.ContentStaff)]
[RequestSizeLimit(MediaSettings.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = MediaSettings.RequestLimit)]
internal sealed class LibraryModel(MediaLibrary library, MediaSettings settings) : PageModel
{
    public const string Path = "/admin/content/media";

    public MediaPage Library { get; private set; } = null!;

    public Pager Pager => new(Library.Page, MediaLibrary.PageSize, Library.Total, page => page == 1 ? Path : $"{Path}?page={page}");

    public string MaxUploadText => settings.MaxUploadText;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Alt { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The key of the image just uploaded, after the redirect.</summary>
    [FromQuery(Name = "uploaded")]
    public string? Uploaded { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Library = await library.ListAsync(PageNumber, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        MediaUploadResult result;
        await using (var content = Upload?.OpenReadStream())
            result = await library.UploadAsync(User.AccountId(), User.DisplayName(), Upload?.FileName, Alt, content, cancellationToken);
        if (result.Item is { } item)
            return Redirect($"{Path}?uploaded={item.Key}");

        foreach (var error in result.Errors)
            ModelState.AddModelError(error.Field == MediaField.Alt ? nameof(Alt) : nameof(Upload), error.Message);
        Library = await library.ListAsync(1, cancellationToken);
        return Page();
    }
}
