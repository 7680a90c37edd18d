using System.Net;
using System.Text;

namespace MedAtlas.Web.Infrastructure.Email;

/// <summary>What a mail says: its subject, a plain-text part and an HTML part (every mail has both).</summary>
internal sealed record MailContent(string Subject, string Text, string Html);

/// <summary>The one button of a mail: what it says and where it goes (an absolute URL).</summary>
internal sealed record MailAction(string Label, string Url);

/// <summary>
/// The house layout for mail, so each feature writes only its words: a greeting, paragraphs, an optional
/// action link and a footer, as plain text and as simple inline-styled HTML (mail clients drop style sheets).
/// Every value is HTML-encoded; pass plain text, not markup. List mail passes <c>footerLink</c>: its unsubscribe
/// link, shown (and clickable) under the footer.
/// </summary>
internal static class MailTemplate
{
    public static MailContent Build(string subject, string greeting, IEnumerable<string> paragraphs, MailAction? action, string footer, MailAction? footerLink = null)
    {
        var paragraphList = paragraphs.ToList();
        var text = new StringBuilder();
        text.Append(greeting).Append("\n\n");
        foreach (var paragraph in paragraphList)
            text.Append(paragraph).Append("\n\n");
        if (action is not null)
            text.Append(action.Label).Append(":\n").Append(action.Url).Append("\n\n");
        // "-- " is the signature separator mail clients recognise and fold away.
        text.Append("-- \n").Append(footer).Append('\n');
        if (footerLink is not null)
            text.Append(footerLink.Label).Append(":\n").Append(footerLink.Url).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(Encode(subject)).Append("</title></head>");
        html.Append("<body style=\"margin:0;padding:24px;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1f23\">");
        html.Append("<div style=\"max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px\">");
        html.Append("<p style=\"margin:0 0 16px\">").Append(Encode(greeting)).Append("</p>");
        foreach (var paragraph in paragraphList)
            html.Append("<p style=\"margin:0 0 16px\">").Append(Encode(paragraph)).Append("</p>");
        if (action is not null)
        {
            html.Append("<p style=\"margin:24px 0\"><a href=\"").Append(Encode(action.Url))
                .Append("\" style=\"display:inline-block;padding:12px 20px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold\">")
                .Append(Encode(action.Label)).Append("</a></p>");
            // Some clients block buttons' links; the address itself is always readable and copyable.
            html.Append("<p style=\"margin:0 0 16px;font-size:14px;color:#4a5560;word-break:break-all\">").Append(Encode(action.Url)).Append("</p>");
        }

        html.Append("<hr style=\"border:0;border-top:1px solid #d8dee4;margin:24px 0\">");
        html.Append("<p style=\"margin:0;font-size:14px;color:#4a5560\">").Append(Encode(footer)).Append("</p>");
        if (footerLink is not null)
        {
            html.Append("<p style=\"margin:8px 0 0;font-size:14px;color:#4a5560\"><a href=\"").Append(Encode(footerLink.Url))
                .Append("\" style=\"color:#0b5cad\">").Append(Encode(footerLink.Label)).Append("</a></p>");
        }

        html.Append("</div></body></html>");
        return new MailContent(subject, text.ToString(), html.ToString());
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
