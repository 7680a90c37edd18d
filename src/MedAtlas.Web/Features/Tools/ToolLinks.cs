namespace MedAtlas.Web.Features.Tools;

/// <summary>A tool as a link: its title, address and one line on what it does.</summary>
internal sealed record ToolLink(string Title, string Path, string Summary);

/// <summary>
/// The tools, in the order they are listed: on the Tools page and in the home page's Tools strip (<c>_ToolLinks.cshtml</c>),
/// and for any other page that lists them (a health center's "Today" strip).
/// </summary>
internal static class ToolLinks
{
    public static IReadOnlyList<ToolLink> All { get; } =
    [
        new("Carb and bolus calculator", "/tools/bolus",
            "The insulin for a meal and a correction, from your ratio, correction factor and insulin on board, with every step shown."),
        new("BMI calculator", "/tools/bmi",
            "Body mass index in metric or imperial units, the adult categories, and what BMI does not tell you."),
        new("Food and fitness planner", "/tools/planner",
            "What you eat and the exercise you do, counted with USDA food figures against daily goals worked out for you."),
    ];
}
