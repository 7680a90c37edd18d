namespace MedAtlas.Web.Infrastructure.Import;

/// <summary>Counts for the closing summary. Keeps only the first rejections in full, so memory stays bounded.</summary>
internal sealed class ImportTally
{
    public const int RejectionsKept = 20;

    private readonly List<(string Row, string Reason)> firstRejections = [];
    private readonly List<(string Row, string Message)> firstWarnings = [];
    private readonly SortedDictionary<string, long> outcomes = new(StringComparer.Ordinal);

    public long Read { get; set; }

    public long Added { get; set; }

    public long Updated { get; set; }

    public long Unchanged { get; set; }

    public long Rejected { get; private set; }

    public IReadOnlyList<(string Row, string Reason)> FirstRejections => firstRejections;

    /// <summary>Rows stored, but with something a person should know (a name that matches no catalogue drug yet).</summary>
    public long Warnings { get; private set; }

    public IReadOnlyList<(string Row, string Message)> FirstWarnings => firstWarnings;

    /// <summary>
    /// Counts of outcomes particular to one source, printed under their own name in the summary ("ambiguous" for a
    /// crosswalk term that maps to several codes and so gets none).
    /// </summary>
    public IReadOnlyDictionary<string, long> Outcomes => outcomes;

    public void Count(string outcome, long count = 1) =>
        outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + count;

    public void Warn(string row, string message)
    {
        Warnings++;
        if (firstWarnings.Count < RejectionsKept)
            firstWarnings.Add((row, message));
    }

    public void Reject(string row, string reason)
    {
        Rejected++;
        if (firstRejections.Count < RejectionsKept)
            firstRejections.Add((row, reason));
    }

    /// <summary>Adds a committed batch's counts; keeps first rejections and warnings up to the limit.</summary>
    public void Merge(ImportTally batch)
    {
        Added += batch.Added;
        Updated += batch.Updated;
        Unchanged += batch.Unchanged;
        Rejected += batch.Rejected;
        Warnings += batch.Warnings;
        foreach (var (outcome, count) in batch.outcomes)
            Count(outcome, count);
        firstRejections.AddRange(batch.firstRejections.Take(RejectionsKept - firstRejections.Count));
        firstWarnings.AddRange(batch.firstWarnings.Take(RejectionsKept - firstWarnings.Count));
    }
}
