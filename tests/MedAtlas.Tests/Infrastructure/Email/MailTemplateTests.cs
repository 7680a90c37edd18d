using MedAtlas.Web.Infrastructure.Email;
using MedAtlas.Web.Infrastructure.Text;

namespace MedAtlas.Tests.Infrastructure.Email;

public sealed class MailTemplateTests
{
    [Fact]
    public void Every_value_is_html_encoded_in_the_html_part_and_plain_in_the_text_part()
    {
        var mail = MailTemplate.Build("Tom & Jerry's <news>", "Hi <Tom>,", ["\"Quoted\" & <script>x</script>"],
            new MailAction("Go <now>", "https://medatlas.example/a?b=1&c=\"2\""), "Footer & co");

        Assert.Equal("Tom & Jerry's <news>", mail.Subject);
        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Tom>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://medatlas.example/a?b=1&amp;c=&quot;2&quot;\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains("Hi <Tom>,", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Go <now>:\nhttps://medatlas.example/a?b=1&c=\"2\"", mail.Text, StringComparison.Ordinal);
        Assert.Contains("-- \nFooter & co", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mail_without_an_action_has_no_link()
    {
        var mail = MailTemplate.Build("Subject", "Hello,", ["One.", "Two."], null, "Footer");

        Assert.DoesNotContain("<a ", mail.Html, StringComparison.Ordinal);
        Assert.Contains("One.\n\nTwo.", mail.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jane@example.org", "j***@example.org")]
    [InlineData("x@y.z", "x***@y.z")]
    [InlineData("no-at-sign", "***")]
    public void Recipients_are_masked_for_admins(string address, string masked) =>
        Assert.Equal(masked, AddressMask.Mask(address));

    [Fact]
    public void Addresses_inside_server_replies_are_masked()
    {
        var redacted = AddressMask.Redact("550 5.1.1 <jane.doe@example.org>: Recipient address rejected");

        Assert.Equal("550 5.1.1 <j***@example.org>: Recipient address rejected", redacted);
    }

    [Fact]
    public void The_message_id_is_the_same_for_the_same_key_and_differs_between_keys()
    {
        Assert.Equal(MailMessages.MessageIdFor("k1", "localhost"), MailMessages.MessageIdFor("k1", "localhost"));
        Assert.NotEqual(MailMessages.MessageIdFor("k1", "localhost"), MailMessages.MessageIdFor("k2", "localhost"));
        Assert.EndsWith("@localhost", MailMessages.MessageIdFor("k1", "localhost"), StringComparison.Ordinal);
    }
}
