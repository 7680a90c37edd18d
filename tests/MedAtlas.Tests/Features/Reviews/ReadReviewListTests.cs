using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Features.Reviews;

namespace MedAtlas.Tests.Features.Reviews;

/// <summary>/drugs/{slug}/reviews and a review's own page: the summary, filters, sorts, paging, votes and who sees what. Each test uses its own drug.</summary>
public sealed class ReadReviewListTests(ReadReviewsApp app) : IClassFixture<ReadReviewsApp>
{
    private static readonly string[] SortMarkers = ["Sort-Low", "Sort-High", "Sort-Middle"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Words(string marker) => $"{marker}: it worked for me after a couple of weeks, with a few bumps at first.";

    [Fact]
    public async Task Each_filter_narrows_the_list_to_the_matching_reviews()
    {
        var (_, a) = await app.WriteAsync("lisinopril", "high-blood-pressure", 5, Words("Filter-Alpha"), i => i with
        {
            AgeRange = AgeRange.Age25To34, Sex = ReviewerSex.Female, TimeOnMedicine = TimeOnMedicine.OneToSixMonths, Role = ReviewerRole.Patient,
        });
        await app.WriteAsync("lisinopril", "heart-failure", 2, Words("Filter-Bravo"), i => i with
        {
            AgeRange = AgeRange.Age65To74, Sex = ReviewerSex.Male, TimeOnMedicine = TimeOnMedicine.TwoToFiveYears, Role = ReviewerRole.Caregiver,
        });
        await app.WriteAsync("lisinopril", null, 3, Words("Filter-Charlie"));
        using var visitor = app.NewClient();

        async Task<string> Listed(string query) => Html.Text(await visitor.GetStringAsync("/drugs/lisinopril/reviews" + query, Ct));

        var all = await Listed("");
        Assert.Contains("Filter-Alpha", all);
        Assert.Contains("Filter-Bravo", all);
        Assert.Contains("Filter-Charlie", all);
        (string Query, string Only)[] cases =
        [
            ("?condition=high-blood-pressure", "Filter-Alpha"), ("?condition=heart-failure", "Filter-Bravo"), ("?condition=other", "Filter-Charlie"),
            ("?age=25-34", "Filter-Alpha"), ("?age=65-74", "Filter-Bravo"), ("?sex=female", "Filter-Alpha"), ("?sex=male", "Filter-Bravo"),
            ("?time=1-6-months", "Filter-Alpha"), ("?time=2-5-years", "Filter-Bravo"), ("?role=caregiver", "Filter-Bravo"),
            ("?rating=2", "Filter-Bravo"), ("?rating=3", "Filter-Charlie"), ("?condition=high-blood-pressure&sex=female&rating=5", "Filter-Alpha"),
        ];
        foreach (var (query, only) in cases)
        {
            var text = await Listed(query);
            foreach (var marker in new[] { "Filter-Alpha", "Filter-Bravo", "Filter-Charlie" })
                Assert.True(text.Contains(marker, StringComparison.Ordinal) == (marker == only), $"{query}: {marker} should {(marker == only ? "" : "not ")}be listed.");
            Assert.Contains("1 review match", text);
        }

        var none = await Listed("?sex=another");
        Assert.Contains("No reviews match these filters", none);
        // The details are shown in words with each review, and a filter value nobody knows is said beside its field.
        Assert.Contains("25 to 34", all);
        Assert.Contains("1 to 6 months", all);
        Assert.Contains("A caregiver".ToLowerInvariant(), all.ToLowerInvariant());
        var bad = await visitor.GetAsync("/drugs/lisinopril/reviews?sex=robot&condition=not-a-condition", Ct);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badText = Html.Text(await bad.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Choose female, male or another.", badText);
        Assert.Contains("There is no such condition", badText);
        Assert.DoesNotContain(a.Email, all, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_sort_orders_the_list()
    {
        var (low, _) = await app.WriteAsync("enalapril", "high-blood-pressure", 1, Words("Sort-Low"));
        var (high, _) = await app.WriteAsync("enalapril", "high-blood-pressure", 5, Words("Sort-High"));
        var (middle, _) = await app.WriteAsync("enalapril", "heart-failure", 3, Words("Sort-Middle"));
        var voter1 = await app.CreateAccountAsync("voter-{n}@example.org", "Voter One");
        var voter2 = await app.CreateAccountAsync("voter-{n}@example.org", "Voter Two");
        await app.VoteAsync(low, voter1.Id);
        await app.VoteAsync(low, voter2.Id);
        await app.VoteAsync(high, voter1.Id);
        using var visitor = app.NewClient();

        async Task<string[]> Order(string query)
        {
            var html = await visitor.GetStringAsync("/drugs/enalapril/reviews" + query, Ct);
            return [.. SortMarkers.OrderBy(m => html.IndexOf(m, StringComparison.Ordinal))];
        }

        Assert.Equal(["Sort-Middle", "Sort-High", "Sort-Low"], await Order(""));
        Assert.Equal(["Sort-Middle", "Sort-High", "Sort-Low"], await Order("?sort=newest"));
        Assert.Equal(["Sort-Low", "Sort-High", "Sort-Middle"], await Order("?sort=most-helpful"));
        Assert.Equal(["Sort-High", "Sort-Middle", "Sort-Low"], await Order("?sort=highest"));
        Assert.Equal(["Sort-Low", "Sort-Middle", "Sort-High"], await Order("?sort=lowest"));
        Assert.Contains("2 people found this helpful", Html.Text(await visitor.GetStringAsync("/drugs/enalapril/reviews?sort=most-helpful", Ct)));
        _ = middle;
    }

    [Fact]
    public async Task The_list_is_paged_ten_or_twenty_at_a_time()
    {
        var ids = new List<long>();
        for (var i = 1; i <= 12; i++)
            ids.Add((await app.WriteAsync("benazepril", "high-blood-pressure", 1 + (i % 5), Words($"Page-Review-{i:00}"))).Id);
        using var visitor = app.NewClient();

        var first = await visitor.GetStringAsync("/drugs/benazepril/reviews", Ct);
        var second = await visitor.GetStringAsync("/drugs/benazepril/reviews?page=2", Ct);
        var twenty = await visitor.GetStringAsync("/drugs/benazepril/reviews?size=20", Ct);

        int Count(string html) => Enumerable.Range(1, 12).Count(i => html.Contains($"Page-Review-{i:00}", StringComparison.Ordinal));
        Assert.Equal(10, Count(first));
        Assert.Equal(2, Count(second));
        Assert.Equal(12, Count(twenty));
        Assert.Contains("Page-Review-12", first);
        Assert.Contains("Page-Review-01", second);
        Assert.Contains("Page 1 of 2", Html.Text(first));
        Assert.Contains("/drugs/benazepril/reviews?page=2", Html.AttributeValues(first, "href").Select(h => h.Split('#')[0]));
        Assert.DoesNotContain("Page 1 of", Html.Text(twenty));

        // Most helpful, across pages: the two oldest have votes, so they lead page 1 and the rest follow newest first.
        var voters = new[] { await app.CreateAccountAsync("pager-{n}@example.org", "Pager One"), await app.CreateAccountAsync("pager-{n}@example.org", "Pager Two") };
        await app.VoteAsync(ids[0], voters[0].Id);
        await app.VoteAsync(ids[0], voters[1].Id);
        await app.VoteAsync(ids[1], voters[0].Id);
        var helpful1 = await visitor.GetStringAsync("/drugs/benazepril/reviews?sort=most-helpful", Ct);
        var helpful2 = await visitor.GetStringAsync("/drugs/benazepril/reviews?sort=most-helpful&page=2", Ct);
        string[] Order(string html) =>
            [.. Enumerable.Range(1, 12).Select(i => $"Page-Review-{i:00}").Where(m => html.Contains(m, StringComparison.Ordinal)).OrderBy(m => html.IndexOf(m, StringComparison.Ordinal))];
        Assert.Equal(["Page-Review-01", "Page-Review-02", .. Enumerable.Range(5, 8).Reverse().Select(i => $"Page-Review-{i:00}")], Order(helpful1));
        Assert.Equal(["Page-Review-04", "Page-Review-03"], Order(helpful2));
    }

    [Fact]
    public async Task The_summary_shows_averages_per_condition_rating_bars_and_side_effect_counts()
    {
        // Five for high blood pressure (an average), two for stroke (too few for one).
        int[] satisfaction = [5, 4, 4, 3, 5];
        foreach (var (s, i) in satisfaction.Select((s, i) => (s, i)))
        {
            await app.WriteAsync("losartan", "high-blood-pressure", s, Words($"Summary-{i}"), input => input with
            {
                SideEffects = i < 3 ? [new("Dizziness", false), new("Tiredness", false)] : [new("Dizziness", false)],
                StoppedForSideEffects = i == 0,
            }, effectiveness: 3, easeOfUse: 5);
        }

        await app.WriteAsync("losartan", "stroke", 2, Words("Summary-stroke-1"));
        await app.WriteAsync("losartan", "stroke", 1, Words("Summary-stroke-2"));
        using var visitor = app.NewClient();

        var html = await visitor.GetStringAsync("/drugs/losartan/reviews", Ct);
        var text = Html.Text(html).Replace(" :", ":", StringComparison.Ordinal);

        Assert.Contains("7 reviews; 1 of them stopped taking it because of side effects", text);
        Assert.Contains("people's own experiences", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not medical advice", text);
        // Overall satisfaction: (5+4+4+3+5+2+1)/7 = 3.4.
        Assert.Contains("Satisfaction: average 3.4 of 5", text);
        // Per condition: high blood pressure 5 reviews, effectiveness 3.0, ease 5.0, satisfaction 4.2; stroke too few.
        Assert.Contains("High blood pressure 5 3.0 5.0 4.2", text);
        Assert.Contains("Stroke 2 Not enough reviews for an average yet", text);
        Assert.Contains("/drugs/losartan/reviews?condition=high-blood-pressure#reviews-list", Html.AttributeValues(html, "href"));
        // Bars drawn on the server, with the numbers for everyone: five satisfaction stars were given twice.
        Assert.Contains("<svg class=\"rating-bars-svg\"", html);
        Assert.Equal(3, Html.AttributeValues(html, "class").Count(c => c == "rating-bars-svg"));
        Assert.Contains("Satisfaction: reviews per star (7 in all) Stars Reviews 5 2 4 2 3 1 2 1 1 1", text);
        Assert.Contains("Dizziness: 5 reviews", text);
        Assert.Contains("Tiredness: 3 reviews", text);
        Assert.True(text.IndexOf("Dizziness: 5", StringComparison.Ordinal) < text.IndexOf("Tiredness: 3", StringComparison.Ordinal));
        Assert.Contains("Side effects noticed Dizziness, Tiredness", text);
        Assert.Contains("Stopped because of side effects Yes", text);
    }

    [Fact]
    public async Task Helpful_is_counted_once_never_for_ones_own_review_and_a_visitor_is_sent_to_sign_in()
    {
        var (id, writer) = await app.WriteAsync("valsartan", "high-blood-pressure", 4, Words("Helpful-Target"));
        var reader = await app.CreateAccountAsync("reader-{n}@example.org", "Helpful Reader");
        using var asReader = await app.SignInAsync(reader);
        using var asWriter = await app.SignInAsync(writer);
        using var visitor = app.NewClient();
        var fields = new Dictionary<string, string> { ["review"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var first = await asReader.PostFormAsync("/drugs/valsartan/reviews", fields, "/drugs/valsartan/reviews?handler=Helpful");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var afterFirst = Html.Text(await asReader.GetStringAsync(first.Headers.Location!.OriginalString, Ct));
        Assert.Contains("Thank you: you said this review was helpful.", afterFirst);
        Assert.Contains("1 person found this helpful", afterFirst);

        var twice = await asReader.PostFormAsync("/drugs/valsartan/reviews", fields, "/drugs/valsartan/reviews?handler=Helpful");
        var afterTwice = Html.Text(await asReader.GetStringAsync(twice.Headers.Location!.OriginalString, Ct));
        Assert.Contains("You already said this review was helpful", afterTwice);
        Assert.Contains("1 person found this helpful", afterTwice);

        // The writer sees no button on their own review; a forged post gets the message and no vote.
        var ownPage = await asWriter.GetStringAsync("/drugs/valsartan/reviews", Ct);
        Assert.Contains("(Your review)", Html.Text(ownPage));
        Assert.Contains($"/drugs/valsartan/reviews/{id}/edit", Html.AttributeValues(ownPage, "href"));
        var own = await asWriter.PostFormAsync("/drugs/valsartan/reviews", fields, "/drugs/valsartan/reviews?handler=Helpful");
        var afterOwn = Html.Text(await asWriter.GetStringAsync(own.Headers.Location!.OriginalString, Ct));
        Assert.Contains("This is your own review", afterOwn);
        Assert.Contains("1 person found this helpful", afterOwn);

        // A visitor gets a link to sign in that comes back to the review, not a form.
        var visitorPage = await visitor.GetStringAsync("/drugs/valsartan/reviews", Ct);
        Assert.Contains("Sign in to say yes", Html.Text(visitorPage));
        Assert.Contains(Html.AttributeValues(visitorPage, "href"), h => h.StartsWith("/sign-in?returnUrl=", StringComparison.Ordinal) && h.Contains($"review-{id}", StringComparison.Ordinal));
        Assert.Null(AccountTestClient.TokenIn(visitorPage));
        // A visitor's post is sent to sign in too.
        var token = await asReader.GetFormTokenAsync("/drugs/valsartan/reviews");
        var visitorPost = await visitor.PostWithTokenAsync("/drugs/valsartan/reviews?handler=Helpful", token, fields);
        Assert.NotEqual(HttpStatusCode.OK, visitorPost.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, visitorPost.StatusCode);
    }

    [Fact]
    public async Task A_hidden_review_leaves_the_list_and_its_page_is_404_to_all_but_its_author_and_moderators()
    {
        var (id, writer) = await app.WriteAsync("olmesartan", "high-blood-pressure", 2, Words("Hidden-Review"));
        await app.WriteAsync("olmesartan", "high-blood-pressure", 4, Words("Shown-Review"));
        await app.SetStateAsync(id, ContentState.Published, ContentState.Hidden);
        var other = await app.CreateAccountAsync("other-{n}@example.org", "Someone Else");
        var moderator = await app.CreateAccountAsync("moderator-{n}@example.org", "Mona Moderator", roles: StaffRoles.Moderator);
        using var visitor = app.NewClient();
        using var asOther = await app.SignInAsync(other);
        using var asWriter = await app.SignInAsync(writer);
        using var asModerator = await app.SignInAsync(moderator);
        var permalink = $"/drugs/olmesartan/reviews/{id}";

        var publicList = Html.Text(await visitor.GetStringAsync("/drugs/olmesartan/reviews", Ct));
        Assert.DoesNotContain("Hidden-Review", publicList);
        Assert.Contains("Shown-Review", publicList);
        Assert.Contains("1 review.", publicList);
        Assert.DoesNotContain("Hidden-Review", Html.Text(await asOther.GetStringAsync("/drugs/olmesartan/reviews", Ct)));

        var authorList = Html.Text(await asWriter.GetStringAsync("/drugs/olmesartan/reviews", Ct));
        Assert.Contains("Your reviews that others cannot see", authorList);
        Assert.Contains("Hidden-Review", authorList);
        Assert.Contains("Hidden while a moderator looks at it", authorList);

        var moderatorList = await asModerator.GetStringAsync("/drugs/olmesartan/reviews", Ct);
        Assert.Contains("Hidden or held reviews of Olmesartan: 1.", Html.Text(moderatorList));
        Assert.Contains("/moderation", Html.AttributeValues(moderatorList, "href"));
        Assert.DoesNotContain("Hidden or held reviews", publicList);

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(permalink, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asOther.GetAsync(permalink, Ct)).StatusCode);
        Assert.Contains("Hidden-Review", await asWriter.GetStringAsync(permalink, Ct));
        Assert.Contains("Hidden-Review", await asModerator.GetStringAsync(permalink, Ct));

        // Published again: everyone sees it, on the list and its own page.
        await app.SetStateAsync(id, ContentState.Hidden, ContentState.Published);
        Assert.Contains("Hidden-Review", await visitor.GetStringAsync(permalink, Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/drugs/losartan/reviews/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/drugs/olmesartan/reviews/999999999", Ct)).StatusCode);
    }

    [Fact]
    public async Task Names_are_display_names_or_Anonymous_never_an_email()
    {
        var writer = await app.CreateAccountAsync("named-{n}@example.org", "Dana Display");
        var shy = await app.CreateAccountAsync("shy-{n}@example.org", "Shy Person");
        var (named, _) = await app.WriteAsync("irbesartan", "high-blood-pressure", 4, Words("Named-Review"), writer: writer);
        await app.WriteAsync("irbesartan", null, 3, Words("Anonymous-Review"), i => i with { Anonymous = true }, writer: shy);
        using var visitor = app.NewClient();
        using var signedIn = await app.SignInAsync(await app.CreateAccountAsync("reader-{n}@example.org", "Reading Person"));

        foreach (var client in new[] { visitor, signedIn })
        {
            foreach (var path in new[] { "/drugs/irbesartan/reviews", $"/drugs/irbesartan/reviews/{named}", "/drugs/irbesartan", "/api/v1/drugs/irbesartan/reviews" })
            {
                var body = await client.GetStringAsync(path, Ct);
                Assert.DoesNotContain(writer.Email, body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(shy.Email, body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("Shy Person", body);
            }
        }

        var list = Html.Text(await visitor.GetStringAsync("/drugs/irbesartan/reviews", Ct));
        Assert.Contains("By Dana Display", list);
        Assert.Contains("By Anonymous", list);

        // A writer who deleted their account and kept their reviews is a "Former member".
        var (kept, leaver) = await app.WriteAsync("irbesartan", null, 5, Words("Kept-Review"));
        await app.AnonymiseAsync(leaver.Id);
        var permalink = Html.Text(await visitor.GetStringAsync($"/drugs/irbesartan/reviews/{kept}", Ct));
        Assert.Contains("By Former member", permalink);
        Assert.DoesNotContain(leaver.DisplayName, permalink);

        // The text is text: markup arrives encoded, and a new account's link is not clickable.
        await app.WriteAsync("irbesartan", "heart-failure", 2, "<script>alert('x')</script> <b>bold</b> see https://example.org/cheap-pills today", writer: writer);
        var html = await visitor.GetStringAsync("/drugs/irbesartan/reviews", Ct);
        Assert.Contains("&lt;script&gt;alert(", html);
        Assert.DoesNotContain("<script>alert(", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        Assert.DoesNotContain("https://example.org/cheap-pills", Html.AttributeValues(html, "href"));
        Assert.Contains("see https://example.org/cheap-pills today", Html.Text(html));
    }

    [Fact]
    public async Task Unknown_drugs_are_404_brand_names_redirect_and_a_visitors_page_is_cacheable_but_a_signed_in_one_is_not()
    {
        using var visitor = app.NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/drugs/no-such-drug-at-all/reviews", Ct)).StatusCode);
        var brand = await visitor.GetAsync("/drugs/lipitor/reviews?sort=highest", Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, brand.StatusCode);
        Assert.Equal("/drugs/atorvastatin/reviews?sort=highest", brand.RedirectPathAndQuery());

        var page = await visitor.GetAsync("/drugs/atorvastatin/reviews", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.CacheControl?.NoStore ?? false);
        Assert.Null(AccountTestClient.TokenIn(await page.Content.ReadAsStringAsync(Ct)));
        var text = Html.Text(await page.Content.ReadAsStringAsync(Ct));
        Assert.Contains("No one has reviewed Atorvastatin yet", text);
        Assert.Contains("/drugs/atorvastatin/reviews/write", Html.AttributeValues(await page.Content.ReadAsStringAsync(Ct), "href"));

        // Back from reporting a review (the moderation core sends the reporter here with ?reported=1).
        Assert.Contains("Thanks, a moderator will look at it.", Html.Text(await visitor.GetStringAsync("/drugs/atorvastatin/reviews?reported=1", Ct)));
        Assert.DoesNotContain("Thanks, a moderator will look at it.", text);

        var someone = await app.CreateAccountAsync("cache-{n}@example.org", "Cache Person");
        using var signedIn = await app.SignInAsync(someone);
        var personal = await signedIn.GetAsync("/drugs/atorvastatin/reviews", Ct);
        Assert.True(personal.Headers.CacheControl is { NoStore: true, Private: true }, personal.Headers.CacheControl?.ToString());
    }
}
