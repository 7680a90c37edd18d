using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>The outcome of a sign-up. Known and unknown emails get the same page; only the mail differs.</summary>
internal sealed record RegistrationResult(bool Accepted, IReadOnlyList<(string Field, string Message)> Errors, Account? Created)
{
    public static RegistrationResult Invalid(params (string Field, string Message)[] errors) => new(false, errors, null);
}

/// <summary>
/// Creates accounts (with a password, or without one for a passkey sign-up) and queues the mail that goes
/// with it in the same transaction. For an email that already has an account nothing is created and that
/// account's owner is told by mail, so the page never reveals which emails are registered.
/// </summary>
internal sealed class Registration(
    MedAtlasDbContext db, UserManager<Account> users, AccountMails mails, PublicLinks links, SignInTiming timing, TimeProvider time)
{
    public static List<(string Field, string Message)> Validate(string? email, string? displayName, string? password, bool passwordRequired)
    {
        var errors = new List<(string, string)>();
        if (AccountInput.CheckEmail(email) is { } e)
            errors.Add(("Email", e));
        if (AccountInput.CheckDisplayName(displayName) is { } d)
            errors.Add(("DisplayName", d));
        if (passwordRequired && AccountInput.CheckNewPassword(password) is { } p)
            errors.Add(("Password", p));
        return errors;
    }

    public async Task<RegistrationResult> RegisterAsync(string? emailInput, string? displayNameInput, string? password,
        HttpRequest request, CancellationToken cancellationToken, Func<Account, Task<IdentityResult>>? addCredential = null,
        string? accountId = null)
    {
        var errors = Validate(emailInput, displayNameInput, password, passwordRequired: addCredential is null);
        if (errors.Count > 0)
            return RegistrationResult.Invalid([.. errors]);

        var email = AccountInput.NormalizeEmail(emailInput);
        var account = new Account
        {
            // A passkey made before the account exists carries the id it was made for as its user handle.
            Id = accountId ?? Guid.NewGuid().ToString(),
            UserName = email,
            Email = email,
            DisplayName = AccountInput.NormalizeDisplayName(displayNameInput),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };

        // The password rules are checked before looking the email up, so both branches answer alike.
        if (password is not null)
        {
            var problems = new List<(string, string)>();
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, account, password);
                problems.AddRange(result.Errors.Select(err => ("Password", err.Description)));
            }

            if (problems.Count > 0)
                return RegistrationResult.Invalid([.. problems.Distinct()]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Same work as creating: one hash, one mail queued.
            if (password is not null)
                timing.HashForNobody(password);
            await mails.AlreadyRegisteredAsync(existing, links.To(request, "/sign-in"), links.To(request, "/forgot-password"), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RegistrationResult(true, [], null);
        }

        var created = password is null ? await users.CreateAsync(account) : await users.CreateAsync(account, password);
        if (created.Succeeded && addCredential is not null)
            created = await addCredential(account);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return RegistrationResult.Invalid([.. created.Errors.Select(err => (err.Code.Contains("Password", StringComparison.Ordinal) ? "Password" : "Email", err.Description))]);
        }

        await QueueConfirmationAsync(account, request, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RegistrationResult(true, [], account);
    }

    /// <summary>Queues a new confirmation link (the caller saves).</summary>
    public async Task QueueConfirmationAsync(Account account, HttpRequest request, CancellationToken cancellationToken)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(account);
        await mails.ConfirmEmailAsync(account, links.To(request, ConfirmLink(account.Id, token)), cancellationToken);
    }

    public static string ConfirmLink(string accountId, string token) =>
        $"/confirm-email?id={Uri.EscapeDataString(accountId)}&code={WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token))}";

    /// <summary>The token from a link's code, or null when the code is not even well formed (a tampered link).</summary>
    public static string? DecodeCode(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 4000)
            return null;
        try
        {
            return System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
