using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// The mail Accounts sends. Each is queued in the outbox on the caller's context, so it commits (or not) with
/// the change that caused it. Keys make a repeated cause queue one mail where repeating would only annoy
/// (a lockout, "you already have an account"); links are built by <see cref="PublicLinks"/>.
/// </summary>
internal sealed class AccountMails(MedAtlasDbContext db, Outbox outbox, TimeProvider time)
{
    public Task<bool> ConfirmEmailAsync(Account account, string link, CancellationToken cancellationToken) => QueueAsync(
        $"confirm-email:{account.Id}:{Guid.NewGuid():N}", "confirm-email", account.Email!, account,
        "Confirm your email address for MedAtlas",
        ["Thanks for creating a MedAtlas account. Confirm that this is your email address to finish:"],
        ("Confirm my email address", link),
        "The link works for 24 hours. If you did not create an account, ignore this mail: nothing happens without the link.", cancellationToken);

    public Task<bool> AlreadyRegisteredAsync(Account account, string signInLink, string resetLink, CancellationToken cancellationToken) => QueueAsync(
        $"already-registered:{account.Id}:{HourBucket()}", "already-registered", account.Email!, account,
        "You already have a MedAtlas account",
        ["Someone, probably you, tried to create a MedAtlas account with this email address. You already have one.",
            $"Sign in at {signInLink}. If you have forgotten your password, you can choose a new one:"],
        ("Choose a new password", resetLink),
        "If this was not you, ignore this mail. Your account has not changed.", cancellationToken);

    public Task<bool> ResetPasswordAsync(Account account, string link, CancellationToken cancellationToken) => QueueAsync(
        $"reset-password:{account.Id}:{Guid.NewGuid():N}", "reset-password", account.Email!, account,
        "Choose a new MedAtlas password",
        ["Someone, probably you, asked to choose a new password for your MedAtlas account."],
        ("Choose a new password", link),
        "The link works for 24 hours and only once. If you did not ask, ignore this mail: your password stays as it is.", cancellationToken);

    public Task<bool> ResetWithoutAccountAsync(string email, string registerLink, CancellationToken cancellationToken) => QueueAsync(
        $"reset-no-account:{email.ToUpperInvariant()}:{HourBucket()}", "reset-no-account", email, null,
        "MedAtlas password reset",
        ["Someone, probably you, asked to reset the MedAtlas password for this email address, but there is no MedAtlas account with it.",
            "Perhaps you signed up with another address. Or create an account:"],
        ("Create an account", registerLink),
        "If you did not ask, ignore this mail.", cancellationToken);

    public Task<bool> ConfirmNewEmailAsync(Account account, string newEmail, string link, CancellationToken cancellationToken) => QueueAsync(
        $"change-email:{account.Id}:{Guid.NewGuid():N}", "change-email", newEmail, account,
        "Confirm your new email address for MedAtlas",
        ["You asked to use this address for your MedAtlas account. Confirm it to make the change:"],
        ("Use this email address", link),
        "The link works for 24 hours. Until you confirm, mail keeps going to your old address.", cancellationToken);

    public Task<bool> NewEmailTakenAsync(string newEmail, string signInLink, CancellationToken cancellationToken) => QueueAsync(
        $"change-email-taken:{newEmail.ToUpperInvariant()}:{HourBucket()}", "change-email-taken", newEmail, null,
        "MedAtlas email change",
        [$"Someone asked to move a MedAtlas account to this address, but this address already has its own account. Sign in at {signInLink}."],
        null,
        "If this was not you, ignore this mail.", cancellationToken);

    public Task<bool> EmailChangedAsync(Account account, string oldEmail, CancellationToken cancellationToken) => QueueAsync(
        $"email-changed:{account.Id}:{Guid.NewGuid():N}", "email-changed", oldEmail, account,
        "Your MedAtlas email address was changed",
        ["The email address of your MedAtlas account was changed. Mail now goes to the new address."],
        null,
        "If you did not make this change, someone else may be using your account: contact the team that runs this site at once.", cancellationToken);

    public Task<bool> PasswordChangedAsync(Account account, CancellationToken cancellationToken) => QueueAsync(
        $"password-changed:{account.Id}:{Guid.NewGuid():N}", "password-changed", account.Email!, account,
        "Your MedAtlas password was changed",
        ["The password of your MedAtlas account was changed, and every other device was signed out."],
        null,
        "If you did not make this change, choose a new password at once with \"Forgot your password?\" on the sign-in page.", cancellationToken);

    public Task<bool> LockedOutAsync(Account account, DateTimeOffset until, string resetLink, CancellationToken cancellationToken) => QueueAsync(
        $"locked-out:{account.Id}:{until.ToUnixTimeSeconds()}", "locked-out", account.Email!, account,
        "Your MedAtlas account is locked for a few minutes",
        [$"After several wrong passwords in a row, signing in to your account is paused until {until:HH:mm} UTC.",
            "If this was you and you have forgotten your password, choose a new one:"],
        ("Choose a new password", resetLink),
        "If it was not you, someone may be guessing your password. A new, long password keeps them out.", cancellationToken);

    private Task<bool> QueueAsync(string key, string kind, string to, Account? account, string subject,
        string[] paragraphs, (string Label, string Url)? action, string footer, CancellationToken cancellationToken)
    {
        var name = account?.DisplayName ?? "";
        var content = MailTemplate.Build(subject, name.Length > 0 ? $"Hello {name}," : "Hello,", paragraphs,
            action is { } a ? new MailAction(a.Label, a.Url) : null, footer);
        return outbox.AddAsync(db, new OutboxMail(key, kind, to, name, account?.Id, content), cancellationToken);
    }

    private string HourBucket() => time.GetUtcNow().ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
}
