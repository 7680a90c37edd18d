namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// A mail list a person chooses on /account ("Email preferences"): alerts now, newsletters later. The feature that
/// sends the mail owns the list and its setting (<c>services.AddScoped&lt;IEmailList, X&gt;()</c>); the account page
/// shows each as a checkbox and saves them all from one form. Off until the person turns it on.
/// </summary>
internal interface IEmailList
{
    /// <summary>The form value ("alerts"): stable, unique among lists.</summary>
    string Key { get; }

    string Title { get; }

    /// <summary>What the list sends, in a sentence beside the checkbox.</summary>
    string Description { get; }

    Task<bool> IsOnAsync(string accountId, CancellationToken cancellationToken);

    Task SetAsync(string accountId, bool on, CancellationToken cancellationToken);
}
