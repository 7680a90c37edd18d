using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Interactions;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using MedAtlas.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Subscriptions;

/// <summary>What the subscribe form asks: an address, "every Class I recall", and drugs by name (empty fields ignored).</summary>
internal sealed record SubscriptionChoice(string? Email, bool AllClassI, IReadOnlyList<string?> Drugs);

/// <summary>A field the subscribe form must show a message beside: <c>Email</c>, <c>Drugs[i]</c> or <see cref="PublicSubscriptions.ChoicesField"/>.</summary>
internal sealed record SubscriptionProblem(string Field, string Message);

/// <summary>A subscription a confirmation link names, with its drugs as the catalogue names them.</summary>
internal sealed record PendingSubscription(Guid Id, string MaskedEmail, bool AllClassI, IReadOnlyList<string> DrugNames, bool Confirmed);

/// <summary>
/// The public (account-less) recall list, double opt-in. Subscribing creates an unconfirmed row and queues the
/// confirmation mail in the same SaveChanges, and answers the same whether the address is known or not; only the
/// mailed link (a random token, stored as its SHA-256) confirms it, with a POST, so a link scanner cannot.
/// Confirming deletes the address's other subscriptions: the newest choice replaces the old.
/// </summary>
internal sealed class PublicSubscriptions(MedAtlasDbContext db, Outbox outbox, InteractionChecker drugs, DrugCatalog catalog, TimeProvider time)
{
    public const string ChoicesField = "Choices";

    public const int MaxDrugs = 20;

    /// <summary>How long a confirmation link works; the mail job deletes unconfirmed rows older than this.</summary>
    public static readonly TimeSpan ConfirmWindow = TimeSpan.FromDays(7);

    /// <summary>At most this many unconfirmed subscriptions per address a day, so the form cannot flood someone's inbox.</summary>
    public const int PendingPerAddressPerDay = 5;

    /// <summary>Checks the choice and, when it is good, queues the confirmation mail; <paramref name="confirmLink"/> turns a token into the absolute link.</summary>
    public async Task<IReadOnlyList<SubscriptionProblem>> SubscribeAsync(SubscriptionChoice choice, Func<string, string> confirmLink, CancellationToken cancellationToken)
    {
        var problems = new List<SubscriptionProblem>();
        if (AccountInput.CheckEmail(choice.Email) is { } emailProblem)
            problems.Add(new("Email", emailProblem));

        var typed = choice.Drugs.Select((name, i) => (Name: (name ?? "").Trim(), Index: i)).Where(d => d.Name.Length > 0).ToList();
        var slugs = new List<string>();
        if (typed.Count > MaxDrugs)
        {
            problems.Add(new(ChoicesField, $"Follow at most {MaxDrugs} drugs; the form has {typed.Count}."));
        }
        else
        {
            foreach (var (name, index) in typed)
            {
                if (name.Length > 200)
                {
                    problems.Add(new($"Drugs[{index}]", "A drug name has at most 200 characters."));
                    continue;
                }

                var (found, unknown) = await drugs.ResolveAsync([name], cancellationToken);
                if (found.Count > 0)
                    slugs.Add(found[0].Drug.Slug);
                else
                    problems.Add(new($"Drugs[{index}]", Unknown(unknown[0])));
            }
        }

        if (!choice.AllClassI && typed.Count == 0)
            problems.Add(new(ChoicesField, "Choose “All Class I recalls”, or name at least one drug to follow."));
        if (problems.Count > 0)
            return problems;

        var email = AccountInput.NormalizeEmail(choice.Email);
        var normalized = email.ToUpperInvariant();
        var now = time.GetUtcNow().UtcDateTime;
        var pending = await db.Set<AlertSubscription>()
            .CountAsync(s => s.NormalizedEmail == normalized && s.ConfirmedAt == null && s.CreatedAt > now.AddDays(-1), cancellationToken);
        // Over the cap the answer is the same "check your email" page: the form must not tell whether an address is known.
        if (pending >= PendingPerAddressPerDay)
            return [];

        var token = SecretTokens.New();
        var subscription = new AlertSubscription
        {
            Id = Guid.NewGuid(),
            Email = email,
            NormalizedEmail = normalized,
            AllClassI = choice.AllClassI,
            ConfirmTokenHash = SecretTokens.Hash(token),
            CreatedAt = now,
            Drugs = [.. slugs.Distinct(StringComparer.Ordinal).Select(slug => new AlertSubscriptionDrug { DrugSlug = slug })],
        };
        db.Set<AlertSubscription>().Add(subscription);
        var names = typed.Select(t => t.Name).ToList();
        await outbox.AddAsync(db, new OutboxMail($"alert-subscribe:{subscription.Id:N}", "alert-subscribe", email, "", null,
            ConfirmationMail(choice.AllClassI, names, confirmLink(token))), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>The subscription a confirmation link names, or null (wrong, cut short, expired, or replaced since).</summary>
    public async Task<PendingSubscription?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (await LoadAsync(token, cancellationToken) is not { } subscription)
            return null;
        var slugs = subscription.Drugs.Select(d => d.DrugSlug).Order(StringComparer.Ordinal).ToList();
        var found = await catalog.NamesAsync(slugs, cancellationToken);
        var names = slugs.Select(slug => found.GetValueOrDefault(slug, slug)).ToList();
        return new PendingSubscription(subscription.Id, Infrastructure.Text.AddressMask.Mask(subscription.Email),
            subscription.AllClassI, names, subscription.ConfirmedAt is not null);
    }

    /// <summary>Confirms the subscription the link names and deletes the address's others; null when the link does not work.</summary>
    public async Task<PendingSubscription?> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        if (await LoadAsync(token, cancellationToken) is not { } subscription)
            return null;
        if (subscription.ConfirmedAt is null)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Set<AlertSubscription>()
                .Where(s => s.NormalizedEmail == subscription.NormalizedEmail && s.Id != subscription.Id)
                .ExecuteDeleteAsync(cancellationToken);
            subscription.ConfirmedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return await FindAsync(token, cancellationToken);
    }

    private async Task<AlertSubscription?> LoadAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
            return null;
        var hash = SecretTokens.Hash(token);
        var subscription = await db.Set<AlertSubscription>().Include(s => s.Drugs)
            .FirstOrDefaultAsync(s => s.ConfirmTokenHash == hash, cancellationToken);
        if (subscription is { ConfirmedAt: null } && subscription.CreatedAt < time.GetUtcNow().UtcDateTime - ConfirmWindow)
            return null;
        return subscription;
    }

    private static string Unknown(UnknownInput unknown) =>
        $"“{unknown.Input}” is not a drug MedAtlas knows." +
        (unknown.DidYouMeanName is null ? " Check the spelling, or try its generic name." : $" Did you mean {unknown.DidYouMeanName}?");

    /// <summary>"every Class I drug recall and recalls of atorvastatin and ibuprofen", for the mail and the pages.</summary>
    public static string Describe(bool allClassI, IReadOnlyList<string> drugNames)
    {
        var parts = new List<string>();
        if (allClassI)
            parts.Add("every Class I drug recall (the most serious kind)");
        if (drugNames.Count > 0)
            parts.Add("recalls of " + Join(drugNames));
        return Join(parts);
    }

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    private static MailContent ConfirmationMail(bool allClassI, IReadOnlyList<string> drugNames, string link) => MailTemplate.Build(
        "Confirm your MedAtlas recall alerts",
        "Hello,",
        [
            $"Someone, probably you, asked MedAtlas to email this address about FDA drug recalls: {Describe(allClassI, drugNames)}.",
            "Nothing is sent until you confirm. Confirming replaces any earlier MedAtlas recall alerts for this address.",
        ],
        new MailAction("Confirm my recall alerts", link),
        "The link works for 7 days. If you did not ask for this, ignore this mail: without the link nothing is sent, and the address is deleted after 7 days.");
}
