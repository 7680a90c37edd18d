using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Home.Pages;

/// <summary>The friendly page for any error status; never shows exception details (those go to the log).</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
internal sealed class ErrorModel(SiteSearch search, ILogger<ErrorModel> logger) : PageModel
{
    public IReadOnlyList<Infrastructure.Web.SiteSearchHit> Suggestions { get; private set; } = [];

    public int Code { get; private set; }

    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    /// <summary>Words from the missing address, offered as a search (a mistyped /drugs/ibuprofin).</summary>
    public string? Suggestion { get; private set; }

    // From the route only: a re-executed POST still carries its form, and a form field named "Code" (the
    // two-factor pages) would otherwise become the status code.
    public Task OnGetAsync([FromRoute] int? code) => DescribeAsync(code);

    public Task OnPostAsync([FromRoute] int? code) => DescribeAsync(code);

    // Issue 19: a PUT or DELETE refused with 405 is re-executed here as itself; without these the view would render
    // with no heading.
    public Task OnPutAsync([FromRoute] int? code) => DescribeAsync(code);

    public Task OnDeleteAsync([FromRoute] int? code) => DescribeAsync(code);

    public Task OnPatchAsync([FromRoute] int? code) => DescribeAsync(code);

    private async Task DescribeAsync(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        // After an exception the handler has set the status: 500, or the 4xx of a request the framework refused
        // (a parameter it could not bind, a form over plain HTTP: BadHttpRequestException).
        Code = code ?? (exception?.Error is BadHttpRequestException bad ? bad.StatusCode : exception is not null && Response.StatusCode < 400 ? 500 : Response.StatusCode);
        if (Code is < 400 or > 599)
            Code = 404;
        Response.StatusCode = Code;

        (Heading, Explanation) = Code switch
        {
            404 => ("Page not found", "We could not find that page. It may have moved, or the address may have a typo. Try searching instead."),
            400 => ("That request did not work", "Something in the request was not valid. Go back and check what you entered."),
            405 => ("That did not work", "This address cannot be used that way. Go back and try again from the page's own links and buttons."),
            429 => ("Too many attempts", $"You have tried this many times in a short time. Try again in {WaitInWords()}."),
            _ when Code >= 500 => ("Something went wrong on our side", "We could not show this page right now. Please try again in a few minutes."),
            _ => ("That did not work", "We could not complete this request."),
        };

        if (exception?.Error is Infrastructure.Web.HttpsRequiredException)
        {
            (Heading, Explanation) = ("This page needs a secure connection",
                "This page has a form, and forms on this site work only over a secure connection. Open the address again with https:// at its start.");
        }

        if (Code == 404 && HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } original)
        {
            var lastSegment = original.OriginalPath.TrimEnd('/').Split('/').LastOrDefault();
            Suggestion = string.IsNullOrWhiteSpace(lastSegment) ? null : Uri.UnescapeDataString(lastSegment).Replace('-', ' ');
            if (Suggestion is not null && SiteSearch.Validate(Suggestion) is null)
            {
                try
                {
                    Suggestions = await search.SearchAsync(Suggestion, 5, HttpContext.RequestAborted);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The 404 page must render even when search cannot (a database outage): suggestions are a bonus.
                    logger.LogWarning(e, "Suggestions for a missing page failed");
                }
            }
        }
    }

    private string WaitInWords()
    {
        var wait = HttpContext.Items[Infrastructure.Web.RateLimitWait.Item] as TimeSpan? ?? TimeSpan.FromMinutes(1);
        var minutes = (int)Math.Ceiling(wait.TotalMinutes);
        return minutes <= 1 ? "a minute" : $"{minutes} minutes";
    }
}
