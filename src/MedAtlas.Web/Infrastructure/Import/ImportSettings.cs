using System.Globalization;

namespace MedAtlas.Web.Infrastructure.Import;

/// <summary>
/// <c>MedAtlas:Import:MaxRejectedPercent</c> (docs/import-guide.md): above this share of rejected rows a file is taken to be
/// damaged and refused whole. Only files of at least <see cref="MinRowsForRejectionRate"/> rows are judged by their
/// rate, so a small hand-made file with a few bad rows still imports its good ones.
/// </summary>
internal sealed record ImportSettings(double MaxRejectedPercent)
{
    public const int MinRowsForRejectionRate = 100;

    public const double DefaultMaxRejectedPercent = 25;

    public static ImportSettings From(IConfiguration configuration)
    {
        var percent = configuration.GetValue<double?>("MedAtlas:Import:MaxRejectedPercent") ?? DefaultMaxRejectedPercent;
        if (double.IsNaN(percent) || percent is < 0 or > 100)
        {
            throw new Data.MedAtlasConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"MedAtlas:Import:MaxRejectedPercent is {percent}; it must be a percentage from 0 to 100 (100 turns the check off)."));
        }

        return new ImportSettings(percent);
    }

    /// <summary>Whether <paramref name="rejected"/> of <paramref name="read"/> rows is more than a whole file should have.</summary>
    public bool TooManyRejected(long read, long rejected) =>
        read >= MinRowsForRejectionRate && MaxRejectedPercent < 100 && rejected * 100.0 > read * MaxRejectedPercent;
}
