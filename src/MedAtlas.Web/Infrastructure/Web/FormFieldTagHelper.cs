using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// One form field the accessible way: label, optional hint, input, and the server's message beside it, with
/// the input pointing at hint and message (aria-describedby) and marked aria-invalid when wrong. Written as
/// <c>&lt;form-field for="Input.Email" label="Email address" type="email" autocomplete="email" /&gt;</c>.
/// Passwords are never written back into the page.
/// </summary>
[HtmlTargetElement("form-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FormFieldTagHelper : TagHelper
{
    public required ModelExpression For { get; set; }

    public required string Label { get; set; }

    public string Type { get; set; } = "text";

    public string? Hint { get; set; }

    public string? Autocomplete { get; set; }

    public int? Maxlength { get; set; }

    public bool Required { get; set; } = true;

    /// <summary>The id of a &lt;datalist&gt; of suggestions (native, so they work without JavaScript).</summary>
    public string? List { get; set; }

    /// <summary>Extra attributes for scripts that enhance the field (data-password-meter).</summary>
    public string? Enhance { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var error = state?.Errors.FirstOrDefault()?.ErrorMessage;
        var isPassword = Type == "password";
        var value = isPassword ? null : state?.AttemptedValue ?? For.Model?.ToString();
        var enc = HtmlEncoder.Default;

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", error is null ? "form-field" : "form-field has-error");

        var describedBy = new List<string>();
        var html = new System.Text.StringBuilder();
        html.Append($"<label for=\"{id}\">{enc.Encode(Label)}</label>");
        if (Hint is not null)
        {
            html.Append($"<p class=\"field-hint\" id=\"{id}-hint\">{enc.Encode(Hint)}</p>");
            describedBy.Add($"{id}-hint");
        }

        if (error is not null)
        {
            html.Append($"<p class=\"field-error\" id=\"{id}-error\"><span class=\"visually-hidden\">Error: </span>{enc.Encode(error)}</p>");
            describedBy.Add($"{id}-error");
        }

        if (Type == "checkbox")
        {
            var isChecked = For.Model is true ? " checked" : "";
            html.Clear();
            html.Append($"<input type=\"checkbox\" id=\"{id}\" name=\"{enc.Encode(name)}\" value=\"true\"{isChecked}> <label for=\"{id}\">{enc.Encode(Label)}</label>");
            output.Attributes.SetAttribute("class", "form-field form-check");
            output.Content.SetHtmlContent(html.ToString());
            return;
        }

        html.Append($"<input type=\"{enc.Encode(Type)}\" id=\"{id}\" name=\"{enc.Encode(name)}\"");
        if (value is not null)
            html.Append($" value=\"{enc.Encode(value)}\"");
        if (Autocomplete is not null)
            html.Append($" autocomplete=\"{enc.Encode(Autocomplete)}\"");
        if (Maxlength is { } max)
            html.Append($" maxlength=\"{max}\"");
        if (List is not null)
            html.Append($" list=\"{enc.Encode(List)}\"");
        if (Required)
            html.Append(" required");
        if (Enhance is not null)
            html.Append($" data-enhance=\"{enc.Encode(Enhance)}\"");
        if (Type == "email")
            html.Append(" spellcheck=\"false\" autocapitalize=\"none\"");
        if (describedBy.Count > 0)
            html.Append($" aria-describedby=\"{string.Join(' ', describedBy)}\"");
        if (error is not null)
            html.Append(" aria-invalid=\"true\"");
        html.Append('>');
        output.Content.SetHtmlContent(html.ToString());
    }
}

/// <summary>Model-state helpers shared by the form pages.</summary>
internal static class FormErrors
{
    /// <summary>Every message with the id of the field it belongs to (empty for the whole form), for the error summary.</summary>
    public static IEnumerable<(string FieldId, string Message)> List(ModelStateDictionary modelState) =>
        modelState
            .Where(kv => kv.Value is { Errors.Count: > 0 })
            .SelectMany(kv => kv.Value!.Errors.Select(e => (kv.Key.Length == 0 ? "" : TagBuilder.CreateSanitizedId(kv.Key, "_"), e.ErrorMessage)));
}
