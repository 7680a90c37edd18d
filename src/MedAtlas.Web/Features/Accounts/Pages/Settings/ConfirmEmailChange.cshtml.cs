using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages.Settings;

/// <summary>The link sent to a new address. Opening it moves the account there and tells the old address.</summary>
[AllowAnonymous]
internal sealed class ConfirmEmailChangeModel(UserManager<Account> users, SignInManager<Account> signIn, AccountMails mails, Infrastructure.Data.MedAtlasDbContext db) : PageModel
{
    public bool Changed { get; private set; }

    public async Task OnGetAsync(string? id, string? email, string? code, CancellationToken cancellationToken)
    {
        var token = Registration.DecodeCode(code);
        var account = string.IsNullOrEmpty(id) || id.Length > 450 || token is null || AccountInput.CheckEmail(email) is not null
            ? null
            : await users.FindByIdAsync(id);
        if (account is not null)
        {
            var oldEmail = account.Email!;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await users.ChangeEmailAsync(account, email!, token!);
            if (result.Succeeded)
                result = await users.SetUserNameAsync(account, email!);
            if (result.Succeeded)
            {
                await mails.EmailChangedAsync(account, oldEmail, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                Changed = true;
                if (User.AccountId() == account.Id)
                    await signIn.RefreshAsync(HttpContext, account);
            }
        }

        if (!Changed)
            Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
