using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.MyMedicine;

/// <summary>The import page as a person uses it: upload a file, read the preview, press "Add". Shared by the CSV and FHIR tests.</summary>
internal static partial class ImportPage
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<string> UploadAsync(HttpClient client, Guid profileId, string fileName, string content) =>
        UploadAsync(client, profileId, fileName, Encoding.UTF8.GetBytes(content));

    public static async Task<string> UploadAsync(HttpClient client, Guid profileId, string fileName, byte[] content)
    {
        var response = await UploadResponseAsync(client, profileId, fileName, content);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {Html.Text(html)[..Math.Min(500, Html.Text(html).Length)]}");
        return html;
    }

    /// <summary>Posts the import form as a browser does: multipart, with the page's anti-forgery token.</summary>
    public static async Task<HttpResponseMessage> UploadResponseAsync(HttpClient client, Guid profileId, string fileName, byte[] content, string? token = null)
    {
        token ??= await client.GetFormTokenAsync($"/my/profiles/{profileId}/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", fileName);
        return await client.PostAsync($"/my/profiles/{profileId}/import", form, Ct);
    }

    /// <summary>Presses "Add" on a preview page: its own form, token and sealed file.</summary>
    public static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, Guid profileId, string previewHtml) =>
        client.PostWithTokenAsync($"/my/profiles/{profileId}/import?handler=Confirm", AccountTestClient.TokenIn(previewHtml)!, new() { ["Sealed"] = SealedValue(previewHtml) });

    public static string SealedValue(string html) =>
        SealedPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No confirm form on the page: " + FieldError(html));

    /// <summary>The message beside the file field.</summary>
    public static string FieldError(string html) =>
        FieldErrorPattern().Match(html) is { Success: true } m ? Html.Text(m.Groups[1].Value).Replace("Error: ", "", StringComparison.Ordinal) : "";

    [System.Text.RegularExpressions.GeneratedRegex("<input type=\"hidden\" name=\"Sealed\" value=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex SealedPattern();

    [System.Text.RegularExpressions.GeneratedRegex("<p class=\"field-error\" id=\"Upload-error\">(.*?)</p>", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex FieldErrorPattern();
}
