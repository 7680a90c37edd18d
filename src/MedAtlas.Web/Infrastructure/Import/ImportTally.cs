namespace MedAtlas.Web.Infrastructure.Import;

/// <summary>Counts for the closing summary. Keeps only the first rejections in full, so memory stays bounded.</summary>
internal sealed class ImportTally
{
    public const int RejectionsKept = 20;

    private readonly List<(string Row, string Reason)> firstRejections = [];

    public long Read { get; set; }

    public long Added { get; set; }

    public long Updated { get; set; }

    public long Unchanged { get; set; }

    public long Rejected { get; private set; }

    public IReadOnlyList<(string Row, string Reason)> FirstRejections => firstRejections;

    public void Reject(string row, string reason)
    {
        Rejected++;
        if (firstRejections.Count < RejectionsKept)
            firstRejections.Add((row, reason));
    }

    public ImportTally Copy()
    {
        var copy = new ImportTally { Read = Read, Added = Added, Updated = Updated, Unchanged = Unchanged, Rejected = Rejected };
        copy.firstRejections.AddRange(firstRejections);
        return copy;
    }
}
