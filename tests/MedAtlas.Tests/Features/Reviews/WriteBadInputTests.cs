using System.Net;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Reviews;

/// <summary>Every bad input of the list gets its message beside the field it is about, and saves nothing.</summary>
public sealed class WriteBadInputTests(WriteApp app) : IClassFixture<WriteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<KeyValuePair<string, string>> With(string field, string? value)
    {
        var fields = WriteApp.Valid().Where(f => f.Key != field).ToList();
        if (value is not null)
            fields.Add(new(field, value));
        return fields;
    }

    private async Task<(HttpStatusCode Status, string Html)> RefusedAsync(List<KeyValuePair<string, string>> fields)
    {
        var (account, client) = await app.WriterAsync("Bad Input");
        var response = await WriteApp.PostReviewAsync(client, fields);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(0, await app.ReviewCountAsync(account.Id));
        return (response.StatusCode, html);
    }

    [Theory]
    [InlineData("Input.Effectiveness", "0", "Rate how well it worked from 1 to 5; “0” is not one of the choices.")]
    [InlineData("Input.Effectiveness", "6", "Rate how well it worked from 1 to 5; “6” is not one of the choices.")]
    [InlineData("Input.EaseOfUse", "five", "Rate how easy it was to use from 1 to 5; “five” is not one of the choices.")]
    [InlineData("Input.Satisfaction", null, "Rate how satisfied you are from 1 to 5.")]
    [InlineData("Input.Satisfaction", "", "Rate how satisfied you are from 1 to 5.")]
    [InlineData("Input.Effectiveness", "4.5", "Rate how well it worked from 1 to 5; “4.5” is not one of the choices.")]
    public async Task A_rating_out_of_1_to_5_or_missing_gets_a_message_beside_its_group(string field, string? value, string message)
    {
        var (status, html) = await RefusedAsync(With(field, value));
        var id = field.Replace('.', '_');

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"<p class=\"field-error\" id=\"{id}-error\"><span class=\"visually-hidden\">Error: </span>{System.Net.WebUtility.HtmlEncode(message)}</p>", html.Replace("&#x201C;", "“").Replace("&#x201D;", "”"), StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#{id}\">", html, StringComparison.Ordinal);
        // What was typed and right stays filled in.
        Assert.Contains("It took about six weeks to help", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_text_gets_a_message()
    {
        var (status, html) = await RefusedAsync(With("Input.Text", "  \n\n  "));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("id=\"Input_Text-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Write about your experience with the medicine (at least 20 characters).", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_under_20_characters_gets_a_message_with_its_length()
    {
        var (_, html) = await RefusedAsync(With("Input.Text", "Worked fine."));

        Assert.Contains("Write at least 20 characters; this is 12.", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_100_KB_text_gets_the_length_message_not_a_form_limit_error()
    {
        var text = string.Concat(Enumerable.Repeat("This medicine helped me a lot. ", 3400))[..(100 * 1024)];

        var (status, html) = await RefusedAsync(With("Input.Text", text));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("id=\"Input_Text-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Keep your review to 5,000 characters; this is 102,400.", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_thousand_characters_are_accepted_counted_after_normalising_line_ends()
    {
        var (_, client) = await app.WriterAsync("Long Writer");
        // 2,500 lines of "a" and a break: 5,000 characters as the browser counts (one per break), more with CRLF.
        var text = string.Join("\r\n", Enumerable.Repeat("a", 2500)) + "b";

        var response = await WriteApp.PostReviewAsync(client, With("Input.Text", text));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Control_characters_in_the_text_are_dropped_and_a_NUL_is_a_bad_request_not_an_error()
    {
        var (account, client) = await app.WriterAsync("Control Typer");

        var bell = await WriteApp.PostReviewAsync(client, With("Input.Text", "It helped with my mood\u0007 after\tsix weeks.\r\nThank you."));
        var nul = await WriteApp.PostReviewAsync(client, [.. With("Input.Text", "It helped\u0000 with my mood after six weeks."), new("Input.Condition", "anxiety")]);

        Assert.Equal("It helped with my mood after\tsix weeks.\nThank you.", (await app.ReviewAsync(WriteApp.ReviewIdIn(bell)))!.Text);
        // The framework refuses a NUL in a form before the page runs (PostgreSQL could not store one anyway).
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Contains("That request did not work", await WriteApp.TextOfAsync(nul), StringComparison.Ordinal);
        Assert.Equal(1, await app.ReviewCountAsync(account.Id));
    }

    [Fact]
    public async Task A_condition_that_does_not_exist_gets_a_message_beside_the_condition()
    {
        var (status, html) = await RefusedAsync(With("Input.Condition", "dragon-pox"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("id=\"Input_Condition-error\"", html, StringComparison.Ordinal);
        Assert.Contains("“dragon-pox” is not a condition we know. Choose one from the list, or “Other”.", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_condition_gets_a_message()
    {
        var (_, html) = await RefusedAsync(With("Input.Condition", null));

        Assert.Contains("Choose the condition you took it for, or “Other”.", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_side_effect_not_in_the_drug_s_list_gets_a_message()
    {
        var (_, html) = await RefusedAsync([.. WriteApp.Valid(), new("Input.SideEffects", "Turned into a newt")]);

        Assert.Contains("id=\"Input_SideEffects-error\"", html, StringComparison.Ordinal);
        Assert.Contains("“Turned into a newt” is not in this medicine's list.", Html.Text(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.AgeRange", "Age200Plus", "Input_AgeRange-error")]
    [InlineData("Input.AgeRange", "3", "Input_AgeRange-error")]
    [InlineData("Input.Sex", "Robot", "Input_Sex-error")]
    [InlineData("Input.TimeOnMedicine", "Forever", "Input_TimeOnMedicine-error")]
    [InlineData("Input.Role", "Doctor", "Input_Role-error")]
    [InlineData("Input.Stopped", "maybe", "Input_Stopped-error")]
    public async Task An_optional_choice_that_is_not_one_of_the_choices_gets_a_message(string field, string value, string errorId)
    {
        var (status, html) = await RefusedAsync(With(field, value));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"id=\"{errorId}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_side_effects_over_500_characters_get_a_message()
    {
        var (_, html) = await RefusedAsync([.. WriteApp.Valid(), new("Input.OtherSideEffects", new string('x', 501))]);

        Assert.Contains("Keep other side effects to 500 characters; this is 501.", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_mistakes_are_listed_together_at_the_top()
    {
        var (_, html) = await RefusedAsync([new("Input.Condition", "depression"), new("Input.Effectiveness", "0"), new("Input.Text", "")]);

        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_Effectiveness\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_EaseOfUse\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_Satisfaction\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_Text\"", html, StringComparison.Ordinal);
    }
}
