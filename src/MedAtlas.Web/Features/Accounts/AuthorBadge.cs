namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// The model of <c>Features/Shared/_AuthorBadge.cshtml</c>: how a person is shown wherever they write (reviews,
/// community posts, answers): their display name, never their email, and their credentials once an Admin verified them.
/// </summary>
internal sealed record AuthorBadge(string DisplayName, string? ExpertCredentials)
{
    public static AuthorBadge Of(Account account) => new(account.DisplayName, account.ExpertCredentials);
}
