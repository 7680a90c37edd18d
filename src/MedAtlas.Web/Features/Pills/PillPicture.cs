namespace MedAtlas.Web.Features.Pills;

/// <summary>What a drawn picture needs to know about a pill.</summary>
internal sealed record PillAppearance(string Imprint, IReadOnlyList<string> Colors, string? Shape, decimal? SizeMm, int? Score);

/// <summary>Draws a pill as SVG from its labelled appearance, for pills with no imported photo. (Placeholder.)</summary>
internal static class PillPicture
{
    /// <summary>An inline SVG element (no script, no style attribute), sized to <paramref name="widthPx"/>.</summary>
    public static string Svg(PillAppearance pill, int widthPx = 160) =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{widthPx}\" height=\"{widthPx}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(AltText(pill))}\"></svg>";

    /// <summary>Words for people who cannot see the picture: "White round pill, 10 mm, imprint PD 155 10, scored in half".</summary>
    public static string AltText(PillAppearance pill) => $"{string.Join(" and ", pill.Colors)} {pill.Shape} pill, imprint {pill.Imprint.Replace(';', ' ')}";
}
