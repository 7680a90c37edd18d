using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages.Admin;

/// <summary>One account's roles, expert verification and lock. The logic is <see cref="StaffDirectory"/>'s; this page only shows and forwards.</summary>
[Authorize(Policy = StaffRoles.Admin)]
[RequestFormLimits(ValueLengthLimit = 4096)]
[RequestSizeLimit(16 * 1024)]
internal sealed class PersonModel(StaffDirectory directory, TimeProvider time) : PageModel
{
    public PersonSummary Person { get; private set; } = null!;

    public DateTimeOffset Now { get; } = time.GetUtcNow();

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Credentials { get; set; }

    [BindProperty]
    public string? Period { get; set; }

    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    public bool IsMe => Person.Id == User.AccountId();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostGrantAsync(string id, CancellationToken ct) =>
        ApplyAsync(id, "granted", () => directory.GrantAsync(User, id, Role, ct), ct);

    public Task<IActionResult> OnPostRevokeAsync(string id, CancellationToken ct) =>
        ApplyAsync(id, "revoked", () => directory.RevokeAsync(User, id, Role, ct), ct);

    public Task<IActionResult> OnPostVerifyAsync(string id, CancellationToken ct) =>
        ApplyAsync(id, "verified", () => directory.VerifyExpertAsync(User, id, Credentials, ct), ct);

    public Task<IActionResult> OnPostUnverifyAsync(string id, CancellationToken ct) =>
        ApplyAsync(id, "unverified", () => directory.RemoveExpertAsync(User, id, ct), ct);

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken ct) =>
        ApplyAsync(id, "locked", () => directory.LockAsync(User, id, Period, ct), ct);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) =>
        ApplyAsync(id, "unlocked", () => directory.UnlockAsync(User, id, ct), ct);

    public static string DoneMessage(string? done) => done switch
    {
        "granted" => "Role granted.",
        "revoked" => "Role removed.",
        "verified" => "Expert verified; the badge shows wherever they write.",
        "unverified" => "Expert verification removed.",
        "locked" => "Account locked and signed out everywhere.",
        "unlocked" => "Account unlocked.",
        _ => "",
    };

    // The change is started only after the account is found: both use the one DbContext, which must not run two queries at once.
    private async Task<IActionResult> ApplyAsync(string id, string done, Func<Task<StaffChange>> change, CancellationToken cancellationToken)
    {
        if (await directory.GetAsync(id, cancellationToken) is null)
            return NotFound();
        var result = await change();
        if (result.Succeeded)
            return Redirect($"/admin/people/{Uri.EscapeDataString(id)}?done={done}");

        ModelState.AddModelError(result.Field ?? "", result.Error!);
        await LoadAsync(id, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var person = await directory.GetAsync(id, cancellationToken);
        if (person is null)
            return false;
        Person = person;
        Credentials ??= person.ExpertCredentials;
        return true;
    }
}
