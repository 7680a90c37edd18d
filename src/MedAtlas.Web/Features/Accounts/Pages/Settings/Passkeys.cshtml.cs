using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Accounts.Pages.Settings;

/// <summary>
/// The account's passkeys: list, add, rename, remove. Every id is looked up among this account's own passkeys, so
/// someone else's id is simply not found (404). The last passkey of an account without a password stays.
/// </summary>
[Authorize]
[EnableRateLimiting(AccountRateLimits.SignIn)]
internal sealed class PasskeysModel(UserManager<Account> users, SignInManager<Account> signIn, TimeProvider time) : PageModel
{
    /// <summary>Adding a way into the account asks for a recent sign-in (ASVS 3.7.1), so a borrowed open session cannot plant one.</summary>
    public bool SignedInRecently => User.SignedInRecently(time);

    public const string LastWayIn = "This is your only way to sign in, so it cannot be removed. Add another passkey or set a password first.";

    public IReadOnlyList<UserPasskeyInfo> List { get; private set; } = [];

    public bool HasPassword { get; private set; }

    public string? Done { get; private set; }

    [BindProperty]
    public string? PasskeyCredential { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Which passkey a rename form was for, so its message shows beside the right field.</summary>
    public string? Editing { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Done = Request.Query["done"].ToString() switch
        {
            "added" => "Your passkey is added. You can sign in with it from now on.",
            "renamed" => "The passkey is renamed.",
            "removed" => "The passkey is removed. It no longer signs in to MedAtlas; you can also delete it from your device.",
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        if (!SignedInRecently)
            return Redirect(AccountSignIn.ReauthenticateUrl("/account/passkeys"));
        var me = await MeAsync();
        var entity = new PasskeyUserEntity { Id = me.Id, Name = me.Email!, DisplayName = me.DisplayName };
        return Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!SignedInRecently)
            return Redirect(AccountSignIn.ReauthenticateUrl("/account/passkeys"));
        var me = await MeAsync();
        if (Passkeys.CheckName(Name) is { } nameError)
            return await FailAsync("Name", nameError);
        if (!Passkeys.LooksLikeCredential(PasskeyCredential))
            return await FailAsync("", RegisterModel.PasskeyNotMade);

        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(PasskeyCredential!);
        }
        catch (InvalidOperationException)
        {
            return await FailAsync("", RegisterModel.PasskeyNotMade);
        }

        // The ceremony was started for this account; a state from another one (a shared computer) is refused.
        if (!attestation.Succeeded || attestation.UserEntity.Id != me.Id)
            return await FailAsync("", RegisterModel.PasskeyNotMade);

        attestation.Passkey.Name = AccountInput.NormalizeDisplayName(Name);
        var saved = await users.AddOrUpdatePasskeyAsync(me, attestation.Passkey);
        if (!saved.Succeeded)
            return await FailAsync("", RegisterModel.PasskeyNotMade);
        return Redirect("/account/passkeys?done=added");
    }

    public async Task<IActionResult> OnPostRenameAsync(string? id)
    {
        var me = await MeAsync();
        if (await FindAsync(me, id) is not { } passkey)
            return NotFound();
        if (Passkeys.CheckName(Name) is { } error)
        {
            Editing = id;
            return await FailAsync($"Name-{id}", error);
        }

        passkey.Name = AccountInput.NormalizeDisplayName(Name);
        await users.AddOrUpdatePasskeyAsync(me, passkey);
        return Redirect("/account/passkeys?done=renamed");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? id)
    {
        var me = await MeAsync();
        if (await FindAsync(me, id) is not { } passkey)
            return NotFound();
        if (!await users.HasPasswordAsync(me) && (await users.GetPasskeysAsync(me)).Count <= 1)
            return await FailAsync("", LastWayIn);

        await users.RemovePasskeyAsync(me, passkey.CredentialId);
        return Redirect("/account/passkeys?done=removed");
    }

    private async Task<Account> MeAsync() => (await users.GetUserAsync(User))!;

    private async Task<UserPasskeyInfo?> FindAsync(Account me, string? id) =>
        Passkeys.DecodeId(id) is { } credentialId ? await users.GetPasskeyAsync(me, credentialId) : null;

    private async Task<PageResult> FailAsync(string field, string message)
    {
        ModelState.AddModelError(field, message);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var me = await MeAsync();
        HasPassword = await users.HasPasswordAsync(me);
        List = [.. (await users.GetPasskeysAsync(me)).OrderBy(p => p.CreatedAt)];
    }
}
