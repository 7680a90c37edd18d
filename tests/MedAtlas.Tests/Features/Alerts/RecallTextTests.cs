using MedAtlas.Web.Features.Alerts;

namespace MedAtlas.Tests.Features.Alerts;

/// <summary>What is read out of a recall's free text: lots from code_info, NDCs, the product's name.</summary>
public sealed class RecallTextTests
{
    [Theory]
    [InlineData("Lot #: AB1234, Exp 05/2026", "AB1234")]
    [InlineData("Lot: 12345, 12346", "12345|12346")]
    [InlineData("Lot Numbers: K2210A, K2211A, K2214B; Exp. 10/31/2025", "K2210A|K2211A|K2214B")]
    [InlineData("Lot #s:550120, 550121; Exp. Date: 12/2026", "550120|550121")]
    [InlineData("Lot No. 7F0032 exp 7/2025", "7F0032")]
    [InlineData("lot 88810 Samples  Lot 88812 exp 4/30/2025", "88810|88812")]
    [InlineData("Lots 21-0401 & 21-0402 Exp 04/23", "21-0401|21-0402")]
    [InlineData("Product code: 710011; Lot Number: f0060, Exp 01/31/2026; F0028A, Exp 02/28/2026", "F0060")]
    [InlineData("Lot BX55120 and BX55121, Expiry 09/2025", "BX55120|BX55121")]
    [InlineData("All lots", "")]
    [InlineData("All lots within expiry including 0312-K2", "")]
    [InlineData("Style #190846", "")]
    [InlineData("Exp. 03/2026; Lotion 4 oz", "")]
    [InlineData("Lot: 08/2025", "")]
    [InlineData("Lot 04202015:49@1, Expiry date: 5/20/2025", "")]
    [InlineData("Lot number unknown", "")]
    public void Lots_are_read_only_where_code_info_names_them(string codeInfo, string expected)
    {
        Assert.Equal(expected, string.Join('|', RecallText.Lots(codeInfo)));
    }

    [Theory]
    [InlineData("Clarithromycin Tablets, USP, 500 mg, NDC 10544-522-20, MFG: 64679-904-02", "10544052220|64679090402")]
    [InlineData("NDC 0071-0155-23, 90 tablets", "00071015523")]
    [InlineData("12345-6789-1 bottle of 100", "12345678901")]
    [InlineData("NDC# 12345-6789-01; 12345-6789-02", "12345678901|12345678902")]
    [InlineData("Call 1-800-555-1234 or write to 07054-1234", "")]
    [InlineData("Exp 2025-10-12", "")]
    [InlineData("NDC 123456-789-01", "")]
    public void Dashed_ndcs_in_text_are_read_in_the_11_digit_form(string text, string expected)
    {
        Assert.Equal(expected, string.Join('|', RecallText.Ndcs(text)));
    }

    [Theory]
    [InlineData("Clarithromycin Tablets, USP, 500 mg, 20 Tablets", "clarithromycin")]
    [InlineData("Atorvastatin Calcium Tablets USP 20 mg", "atorvastatin calcium")]
    [InlineData("Sodium Chloride Injection, USP 0.9%", "sodium chloride")]
    [InlineData("10 mL vial", "")]
    [InlineData("Moxifloxacin 0.5% + Dexamethasone 0.1%, 5 mL dropper bottle", "")]
    [InlineData("Hydrocodone Bitartrate and Acetaminophen Tablets USP, 5 mg/325 mg", "hydrocodone bitartrate and acetaminophen")]
    public void The_product_name_is_the_description_s_leading_words(string description, string expected)
    {
        Assert.Equal(expected, RecallText.LeadingName(description));
    }

    [Theory]
    [InlineData("HYDROCODONE BITARTRATE AND ACETAMINOPHEN", "hydrocodone bitartrate and acetaminophen|acetaminophen + hydrocodone")]
    [InlineData("Metformin Hydrochloride", "metformin hydrochloride|metformin")]
    [InlineData("LIPITOR", "lipitor")]
    public void Names_are_looked_up_as_written_and_as_an_ingredient_key(string name, string expected)
    {
        Assert.Equal(expected, string.Join('|', RecallText.NameKeys(name)));
    }
}
