namespace MedAtlas.Web.Features.Tools;

/// <summary>What BMI does not tell, in plain words, shown with every result (page and API).</summary>
internal static class BmiLimits
{
    public static readonly IReadOnlyList<string> Notes =
    [
        "BMI is weight compared with height. It does not measure body fat, and it cannot tell muscle from fat: a muscular person can have a high BMI without extra fat.",
        "It does not show where fat is. Fat around the waist carries more health risk than the same weight elsewhere.",
        "Age changes what it means: older adults often have more body fat than younger adults with the same BMI.",
        "Ethnicity changes what it means: for people of South Asian, Chinese, other Asian, Middle Eastern, Black African or African-Caribbean family background, health risks start at a lower BMI, and some guidelines use lower cut-offs.",
        "The adult categories are not for use in pregnancy, or for children and teens.",
    ];
}
