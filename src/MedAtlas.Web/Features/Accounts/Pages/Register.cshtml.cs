using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAtlas.Web.Features.Accounts.Pages;

[AllowAnonymous]
[EnableRateLimiting(AccountRateLimits.Register)]
[RequestFormLimits(ValueLengthLimit = AccountInput.LargestFormValue)]
[RequestSizeLimit(AccountInput.LargestFormBody)]
internal sealed class RegisterModel(Registration registration, SignInManager<Account> signIn, UserManager<Account> users) : PageModel
{
    public const string PasskeyNotMade = "The passkey was not created. Try again, or choose a password instead.";

    /// <summary>The browser's new credential (JSON), when signing up with a passkey instead of a password.</summary>
    [BindProperty]
    public string? PasskeyCredential { get; set; }

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public IActionResult OnGet() => User.AccountId() is not null ? Redirect("/account") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await registration.RegisterAsync(Input.Email, Input.DisplayName, Input.Password ?? "", Request, cancellationToken);
        if (!result.Accepted)
        {
            foreach (var (field, message) in result.Errors)
                ModelState.AddModelError($"Input.{field}", message);
            return Page();
        }

        return Redirect("/check-email?for=register");
    }

    /// <summary>
    /// The first half of a passkey sign-up: checks the email and name, then asks the browser to make a passkey for
    /// an account id chosen now (the passkey's user handle). Nothing is looked up or stored yet, so a known email
    /// gets the same answer as a new one.
    /// </summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        if (Registration.Validate(Input.Email, Input.DisplayName, null, passwordRequired: false).Count > 0)
            return BadRequest();
        var entity = new PasskeyUserEntity
        {
            Id = Guid.NewGuid().ToString(),
            Name = AccountInput.NormalizeEmail(Input.Email),
            DisplayName = AccountInput.NormalizeDisplayName(Input.DisplayName),
        };
        return Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    /// <summary>The second half: the new credential comes back in a normal form post and the account is made with it.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync(CancellationToken cancellationToken)
    {
        var errors = Registration.Validate(Input.Email, Input.DisplayName, null, passwordRequired: false);
        if (errors.Count == 0 && !Passkeys.LooksLikeCredential(PasskeyCredential))
            errors.Add(("", PasskeyNotMade));
        if (errors.Count > 0)
            return Invalid(errors);

        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(PasskeyCredential!);
        }
        catch (InvalidOperationException)
        {
            // No ceremony under way: the challenge cookie expired, or this form was posted twice.
            return Invalid([("", PasskeyNotMade)]);
        }

        if (!attestation.Succeeded)
            return Invalid([("", PasskeyNotMade)]);

        // The email and name come from the protected ceremony state, so they are the ones the passkey was made for.
        var entity = attestation.UserEntity;
        var passkey = attestation.Passkey;
        passkey.Name = "Passkey made at sign-up";
        var result = await registration.RegisterAsync(entity.Name, entity.DisplayName, null, Request, cancellationToken,
            addCredential: account => users.AddOrUpdatePasskeyAsync(account, passkey), accountId: entity.Id);
        if (!result.Accepted)
            return Invalid(result.Errors);

        return Redirect("/check-email?for=register");
    }

    private PageResult Invalid(IEnumerable<(string Field, string Message)> errors)
    {
        foreach (var (field, message) in errors)
            ModelState.AddModelError(field.Length == 0 ? "" : $"Input.{field}", message);
        return Page();
    }
}

internal sealed class RegisterInput
{
    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }
}
