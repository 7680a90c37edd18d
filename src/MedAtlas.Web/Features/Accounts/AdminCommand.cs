using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// <c>admin create &lt;email&gt;</c>: the way in to a fresh install. Makes the account if there is none (email
/// confirmed, no password), grants Admin, writes the audit entry, and prints a one-time sign-in link valid for an hour.
/// </summary>
internal static class AdminCommand
{
    public const string DefaultDisplayName = "Administrator";

    public const string Usage = "Usage: admin create <email>";

    public static async Task<int> RunAsync(IServiceProvider services, string[] arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (arguments.Length != 2 || !string.Equals(arguments[0], "create", StringComparison.OrdinalIgnoreCase))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        var email = AccountInput.NormalizeEmail(arguments[1]);
        if (AccountInput.CheckEmail(email) is { } error)
        {
            await output.WriteLineAsync($"admin create: {error}");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<MedAtlasDbContext>();
        var users = provider.GetRequiredService<UserManager<Account>>();
        var directory = provider.GetRequiredService<StaffDirectory>();
        var time = provider.GetRequiredService<TimeProvider>();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await users.FindByEmailAsync(email);
        var created = account is null;
        if (account is null)
        {
            account = new Account
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = DefaultDisplayName,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            var made = await users.CreateAsync(account);
            if (!made.Succeeded)
            {
                await output.WriteLineAsync("admin create: " + string.Join(" ", made.Errors.Select(e => e.Description)));
                return 2;
            }
        }

        await directory.EnsureRoleAsync(StaffRoles.Admin);
        if (!await users.IsInRoleAsync(account, StaffRoles.Admin))
        {
            directory.Audit(null, account, created ? StaffDirectory.Actions.AdminCreated : StaffDirectory.Actions.RoleGranted, StaffRoles.Admin);
            var granted = await users.AddToRoleAsync(account, StaffRoles.Admin);
            if (!granted.Succeeded)
            {
                await output.WriteLineAsync("admin create: " + string.Join(" ", granted.Errors.Select(e => e.Description)));
                return 1;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var link = await OneTimeSignIn.CreateLinkAsync(users, provider.GetRequiredService<PublicLinks>(), account);
        await output.WriteLineAsync(created ? $"Created the Admin account {email}." : $"{email} is an Admin.");
        await output.WriteLineAsync("Sign in once with this link within 1 hour, then choose a password or add a passkey:");
        await output.WriteLineAsync(link);
        return 0;
    }
}
