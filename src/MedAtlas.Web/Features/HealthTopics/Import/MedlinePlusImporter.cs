using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.HealthTopics.Import;

/// <summary>
/// <c>import medlineplus mplus_topics_YYYY-MM-DD.xml</c>: NLM's MedlinePlus health-topics XML (English and Spanish
/// topics, each with its summary and curated links). Topics are matched on their MedlinePlus id, so importing a file
/// again changes nothing. NLM's file is a whole snapshot: topics a newer file no longer lists are removed once every row
/// is written (<see cref="CompleteAsync"/>), unless rows were rejected or the file lists less than half of them.
/// </summary>
internal sealed class MedlinePlusImporter(MarkdownRenderer renderer) : Importer<HealthTopic>
{
    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        // The file names NLM's DTD; nothing here needs it, and resolving nothing keeps entity tricks out.
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public override string Source => "medlineplus";

    public override string Description => "MedlinePlus health topics, NLM's health-topics XML (mplus_topics_YYYY-MM-DD.xml)";

    public override int BatchSize => 200;

    public override async IAsyncEnumerable<ImportRow<HealthTopic>> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = input.OpenRead();
        using var reader = XmlReader.Create(stream, Settings);
        var sourceDate = await ReadRootAsync(reader, input.Name);
        while (await NextTopicAsync(reader, input.Name, cancellationToken) is var (element, line) && element is not null)
        {
            var row = $"line {line} (topic {(string?)element.Attribute("id") ?? "without id"})";
            var (topic, rejection) = Parse(element, sourceDate);
            yield return topic is null ? ImportRow<HealthTopic>.Rejected(row, rejection!) : ImportRow<HealthTopic>.Ok(row, topic);
        }
    }

    private static async Task<DateOnly?> ReadRootAsync(XmlReader reader, string name)
    {
        try
        {
            if (await reader.MoveToContentAsync() != XmlNodeType.Element || reader.LocalName != "health-topics")
                throw new ImportFormatException($"{name} is not MedlinePlus health-topics XML: it should start with <health-topics>.");
            return ParseDate(reader.GetAttribute("date-generated")?.Split(' ')[0]);
        }
        catch (XmlException e)
        {
            throw new ImportFormatException($"{name} is not MedlinePlus health-topics XML ({e.Message}); nothing from it was imported.");
        }
    }

    /// <summary>The next <c>health-topic</c>, or null at the end; broken XML (a truncated download) refuses the whole file.</summary>
    private static async Task<(XElement? Topic, int Line)> NextTopicAsync(XmlReader reader, string name, CancellationToken cancellationToken)
    {
        try
        {
            while (!reader.EOF)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "health-topic")
                {
                    var line = ((IXmlLineInfo)reader).LineNumber;
                    return ((XElement)await XNode.ReadFromAsync(reader, cancellationToken), line);
                }

                await reader.ReadAsync();
            }

            return (null, 0);
        }
        catch (XmlException e)
        {
            throw new ImportFormatException(
                $"{name} is not complete, well-formed XML ({e.Message}); it may be truncated, so nothing from it was imported.");
        }
    }

    private (HealthTopic? Topic, string? Rejection) Parse(XElement e, DateOnly? sourceDate)
    {
        var title = Text((string?)e.Attribute("title"));
        if (title.Length == 0 || title.Length > 300)
            return (null, "the topic has no title (or one over 300 characters)");
        if (!int.TryParse((string?)e.Attribute("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return (null, $"'{title}' has no numeric id");
        var url = Text((string?)e.Attribute("url"));
        if (!IsWebAddress(url))
            return (null, $"'{title}' has no http(s) address");

        var slug = SearchText.Slug(title);
        if (slug.Length == 0)
            slug = id.ToString(CultureInfo.InvariantCulture);

        return (new HealthTopic
        {
            MedlinePlusId = id,
            Slug = slug.Length > 180 ? slug[..180] : slug,
            Title = title,
            Language = Text((string?)e.Attribute("language")) is { Length: > 0 } language ? language : "English",
            Url = url,
            DateCreated = ParseDate((string?)e.Attribute("date-created")),
            SourceDate = sourceDate,
            // The reader has already unescaped the summary's HTML; it is sanitized once here, before it is stored.
            SummaryHtml = renderer.SanitizeHtml(e.Element("full-summary")?.Value),
            AlsoCalled = Texts(e.Elements("also-called")),
            SeeReferences = Texts(e.Elements("see-reference")),
            Groups = Texts(e.Elements("group")),
            MeshIds = [.. e.Elements("mesh-heading").Elements("descriptor").Select(d => Text((string?)d.Attribute("id"))).Where(d => d.Length > 0).Distinct()],
            RelatedTopicIds = [.. e.Elements("related-topic").Select(r => Id((string?)r.Attribute("id"))).OfType<int>().Distinct()],
            OtherLanguageId = e.Elements("language-mapped-topic").Select(m => Id((string?)m.Attribute("id"))).FirstOrDefault(),
            Sites = [.. e.Elements("site")
                .Select(s => new HealthTopicSite
                {
                    Title = Text((string?)s.Attribute("title")),
                    Url = Text((string?)s.Attribute("url")),
                    Categories = Texts(s.Elements("information-category")),
                    Organization = Text(s.Element("organization")?.Value) is { Length: > 0 } organization ? organization : null,
                })
                // A link that is not a web address (javascript:, data:) is never shown.
                .Where(s => s.Title.Length > 0 && IsWebAddress(s.Url))],
        }, null);
    }

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    /// <summary>Text nodes in these files carry their indentation and line breaks: one space between words.</summary>
    private static string Text(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "" : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static List<string> Texts(IEnumerable<XElement> elements) =>
        [.. elements.Select(x => Text(x.Value)).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];

    private static int? Id(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "MM/dd/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public override async Task WriteAsync(ImportBatch<HealthTopic> batch, CancellationToken cancellationToken)
    {
        // Later topics win when a file repeats an id; the database sees each id once per batch.
        var records = batch.Records.GroupBy(r => r.Record.MedlinePlusId).Select(g => g.Last().Record).ToList();
        var ids = records.Select(r => r.MedlinePlusId).ToList();
        var topics = batch.Db.Set<HealthTopic>();
        var existing = await topics.Where(t => ids.Contains(t.MedlinePlusId)).ToDictionaryAsync(t => t.MedlinePlusId, cancellationToken);
        var wanted = records.Select(r => r.Slug).ToList();
        var taken = (await topics.Where(t => wanted.Contains(t.Slug)).Select(t => t.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        taken.UnionWith(existing.Values.Select(t => t.Slug));

        foreach (var record in records)
        {
            if (!existing.TryGetValue(record.MedlinePlusId, out var topic))
            {
                // An English and a Spanish topic can share a title ("Anemia"): the later one gets its id appended.
                if (!taken.Add(record.Slug))
                {
                    record.Slug = $"{record.Slug}-{record.MedlinePlusId.ToString(CultureInfo.InvariantCulture)}";
                    taken.Add(record.Slug);
                }

                batch.Db.Add(record);
                batch.Added();
            }
            else if (Fingerprint(topic) == Fingerprint(record))
            {
                batch.Unchanged();
            }
            else
            {
                // The slug stays, so links to the page keep working when NLM retitles a topic.
                topic.Title = record.Title;
                topic.Language = record.Language;
                topic.Url = record.Url;
                topic.DateCreated = record.DateCreated;
                topic.SourceDate = record.SourceDate;
                topic.SummaryHtml = record.SummaryHtml;
                topic.AlsoCalled = record.AlsoCalled;
                topic.SeeReferences = record.SeeReferences;
                topic.Groups = record.Groups;
                topic.MeshIds = record.MeshIds;
                topic.RelatedTopicIds = record.RelatedTopicIds;
                topic.OtherLanguageId = record.OtherLanguageId;
                topic.Sites = record.Sites;
                batch.Updated();
            }
        }

        batch.Unchanged(batch.Records.Count - records.Count);
    }

    /// <summary>
    /// Removes the topics a complete, newer file no longer lists. Every topic the file lists now carries its date
    /// (a new date changes each topic's fingerprint, so each was rewritten), so the missing ones are those with an older
    /// date or none. Nothing is removed when the file has no date, when any row was rejected (the missing topic may be in
    /// it) or when more than half the topics would go (a partial file, not NLM's snapshot): the summary says why.
    /// </summary>
    public override async Task CompleteAsync(ImportCompletion completion, CancellationToken cancellationToken)
    {
        DateOnly? fileDate;
        await using (var stream = completion.Input.OpenRead())
        {
            using var reader = XmlReader.Create(stream, Settings);
            fileDate = await ReadRootAsync(reader, completion.Input.Name);
        }

        if (fileDate is not { } date)
            return;
        var topics = completion.Db.Set<HealthTopic>();
        var missing = topics.Where(t => t.SourceDate == null || t.SourceDate < date);
        var count = await missing.CountAsync(cancellationToken);
        if (count == 0)
            return;
        var file = completion.Input.Name;
        if (completion.Rejected > 0)
        {
            completion.Warn(file, string.Create(CultureInfo.InvariantCulture,
                $"{count:N0} topics not in this file were kept, because rows were rejected; fix them and import again to remove those topics"));
            return;
        }

        var total = await topics.CountAsync(cancellationToken);
        if (count * 2 > total)
        {
            completion.Warn(file, string.Create(CultureInfo.InvariantCulture,
                $"{count:N0} of {total:N0} topics are not in this file and were kept: it lists less than half of them, so it does not look like NLM's whole file"));
            return;
        }

        completion.Count("removed", await missing.ExecuteDeleteAsync(cancellationToken));
    }

    /// <summary>Everything an import sets except the slug and the database id.</summary>
    private static string Fingerprint(HealthTopic t) => JsonSerializer.Serialize(new
    {
        t.Title, t.Language, t.Url, t.DateCreated, t.SourceDate, t.SummaryHtml, t.AlsoCalled, t.SeeReferences,
        t.Groups, t.MeshIds, t.RelatedTopicIds, t.OtherLanguageId,
        Sites = t.Sites.Select(s => new { s.Title, s.Url, s.Categories, s.Organization }),
    });
}
