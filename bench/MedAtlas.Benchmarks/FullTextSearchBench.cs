using System.Diagnostics;
using System.Globalization;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Benchmarks;

/// <summary>
/// "Duplicate suggestions over 50,000 questions ≤ 20 ms p95" (issue 14) and the shared index's search:
/// <c>full-text-search [documents]</c>. On a fresh database (SQLite folder, or PostgreSQL with MEDATLAS_BENCH_POSTGRES)
/// writes that many generated questions (seeded, so every run has the same text) through <see cref="FullTextIndex"/>,
/// then times SearchAsync and SimilarAsync server-side, each query on its own scope as a request would, and prints
/// the percentiles. On SQLite it then rebuilds the FTS5 table without the porter stemmer and times the same queries,
/// the measurement behind the tokenizer choice in the migration.
/// </summary>
internal static class FullTextSearchBench
{
    private const string Command = "full-text-search";
    private const int Rounds = 20;
    private const int BatchSize = 1000;

    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] != Command)
            return false;
        var count = 50_000;
        if (args.Length > 2 || (args.Length == 2 && !int.TryParse(args[1], CultureInfo.InvariantCulture, out count)))
        {
            Console.Error.WriteLine($"Usage: dotnet run -c Release --project bench/MedAtlas.Benchmarks -- {Command} [documents, default 50000]");
            exitCode = 2;
            return true;
        }

        RunAsync(count).GetAwaiter().GetResult();
        return true;
    }

    private static async Task RunAsync(int count)
    {
        await using var app = FreshBenchApp.Start("fulltext");
        var random = new Random(20261202);
        var questions = Enumerable.Range(0, count).Select(_ => QuestionText.Next(random)).ToList();

        var clock = Stopwatch.StartNew();
        for (var start = 0; start < count; start += BatchSize)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var index = scope.ServiceProvider.GetRequiredService<FullTextIndex>();
            for (var i = start; i < Math.Min(count, start + BatchSize); i++)
                await index.UpsertAsync("question", i.ToString(CultureInfo.InvariantCulture), questions[i].Title, questions[i].Body, $"topic-{i % 40}");
            await scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>().SaveChangesAsync();
        }

        var characters = questions.Sum(q => (long)q.Title.Length + q.Body.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"indexed {count} documents ({characters / count} characters each on average, {characters / 1_000_000.0:0.0} M in all) in batches of {BatchSize}: {clock.Elapsed.TotalSeconds:0.0} s"));

        // Search: words people type into a box, whole and half-typed. Similar: other people's wording of existing titles.
        string[] searches =
        [
            "insulin", "insulin pump", "metformin side effects", "blood pressure", "headache", "migraine aura", "dia", "diab",
            "asthma inhaler", "pregnant", "pregnancy nausea", "knee pain running", "statin muscle", "sleep", "anxiety",
            "depression medication", "cholesterol diet", "rash", "itchy rash", "allergy season", "thyroid", "thyroid levels",
            "kidney", "kidney stones", "antibiotic", "antibiotics alcohol", "vaccine", "flu vaccine", "blood sugar morning",
            "checking", "swollen ankles", "chest", "heart palpitations", "back pain", "arthritis hands", "eczema cream",
            "vitamin d", "iron deficiency tired", "acid reflux night", "dizzy standing",
        ];
        var similar = Enumerable.Range(0, 40).Select(i => QuestionText.Reworded(questions[(i * 7919) % count].Title, random)).ToList();

        await TimeAsync(app, "SearchAsync, limit 20", searches, (index, q) => index.SearchAsync(q, ["question"], null, 20, 0));
        await TimeAsync(app, "SearchAsync in one scope, limit 20", searches, (index, q) => index.SearchAsync(q, ["question"], "topic-3", 20, 0));
        await TimeAsync(app, "SimilarAsync, limit 5", similar, (index, q) => index.SimilarAsync("question", q, 5));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
            if (scope.ServiceProvider.GetRequiredService<IDatabaseDialect>().Provider != DatabaseProvider.Sqlite)
                return;
            // The same table and triggers, the tokenizer without porter: the triggers name the table, not its options.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE search_documents_fts");
            await db.Database.ExecuteSqlRawAsync(
                "CREATE VIRTUAL TABLE search_documents_fts USING fts5(Title, Body, content='search_documents', content_rowid='Id', tokenize='unicode61 remove_diacritics 2')");
            clock.Restart();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO search_documents_fts(search_documents_fts) VALUES ('rebuild')");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"without porter: rebuilt in {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        await TimeAsync(app, "without porter: SearchAsync, limit 20", searches, (index, q) => index.SearchAsync(q, ["question"], null, 20, 0));
        await TimeAsync(app, "without porter: SimilarAsync, limit 5", similar, (index, q) => index.SimilarAsync("question", q, 5));
    }

    private static async Task TimeAsync(FreshBenchApp app, string name, IReadOnlyList<string> queries, Func<FullTextIndex, string, Task<IReadOnlyList<FullTextHit>>> run)
    {
        var times = new List<double>(queries.Count * Rounds);
        var worst = (Query: "", Ms: 0.0);
        var hits = 0L;
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var query in queries)
            {
                var started = Stopwatch.GetTimestamp();
                await using (var scope = app.Services.CreateAsyncScope())
                    hits += (await run(scope.ServiceProvider.GetRequiredService<FullTextIndex>(), query)).Count;
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                times.Add(ms);
                if (ms > worst.Ms)
                    worst = (query, ms);
            }
        }

        times.Sort();
        double At(double p) => times[(int)Math.Ceiling(p * times.Count) - 1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {times.Count} queries ({queries.Count} x {Rounds}), {hits / (double)times.Count:0.0} hits each: p50 {At(0.50):0.00} ms, p95 {At(0.95):0.00} ms, p99 {At(0.99):0.00} ms, max {worst.Ms:0.00} ms (\"{worst.Query}\")"));
    }
}

/// <summary>
/// Made-up health questions of realistic length and word frequency (a title of 6 to 14 words, a body of 30 to 220):
/// words of everyday English and of health, drawn with Zipf-like weights, so some words are in most documents and most
/// are in few. Not medical content; only text to index.
/// </summary>
internal static class QuestionText
{
    private static readonly string[] Openers = ["How do I", "Is it safe to", "Why does my", "What should I do about", "Can I", "Should I worry about", "What helps with", "Is it normal to have"];

    private static readonly string[] Health =
    [
        "pain", "doctor", "medicine", "blood", "pressure", "sugar", "insulin", "diabetes", "headache", "migraine", "sleep",
        "anxiety", "depression", "heart", "chest", "breathing", "asthma", "inhaler", "allergy", "allergies", "rash", "itchy",
        "skin", "eczema", "cream", "knee", "back", "joint", "joints", "arthritis", "swollen", "ankles", "kidney", "stones",
        "liver", "thyroid", "levels", "cholesterol", "statin", "statins", "muscle", "cramps", "metformin", "dose", "doses",
        "side", "effects", "pregnant", "pregnancy", "nausea", "vomiting", "fever", "cough", "cold", "flu", "vaccine",
        "vaccines", "antibiotic", "antibiotics", "infection", "infections", "pump", "pumps", "glucose", "meter", "checking",
        "checked", "readings", "morning", "night", "tired", "fatigue", "iron", "deficiency", "vitamin", "supplements",
        "reflux", "acid", "stomach", "bloating", "diet", "exercise", "running", "walking", "weight", "dizzy", "dizziness",
        "standing", "palpitations", "rhythm", "stroke", "surgery", "recovery", "wound", "stitches", "tablet", "tablets",
        "capsule", "pharmacist", "prescription", "generic", "brand", "interaction", "alcohol", "grapefruit", "caffeine",
        "hormone", "menopause", "period", "cycle", "fertility", "prostate", "bladder", "urine", "hearing", "vision", "eyes",
        "glaucoma", "cataract", "teeth", "gums", "dentist", "ear", "sinus", "throat", "tonsils", "lungs", "oxygen", "smoking",
        "quitting", "nicotine", "patch", "ibuprofen", "paracetamol", "acetaminophen", "aspirin", "warfarin", "bleeding",
        "bruising", "anemia", "platelets", "immune", "autoimmune", "lupus", "psoriasis", "gout", "uric", "osteoporosis",
        "calcium", "bones", "fracture", "sprain", "tendon", "physiotherapy", "nerve", "numbness", "tingling", "seizure",
        "epilepsy", "memory", "dementia", "concentration", "adhd", "stimulant", "antidepressant", "withdrawal", "insomnia",
        "melatonin", "apnea", "snoring", "shingles", "herpes", "hepatitis", "hiv", "covid", "booster", "symptoms",
        "diagnosis", "test", "tests", "scan", "biopsy", "results", "specialist", "referral", "appointment",
    ];

    private static readonly string[] Everyday =
    [
        "the", "a", "and", "to", "of", "i", "my", "it", "is", "in", "for", "with", "on", "have", "been", "that", "but",
        "after", "when", "since", "about", "every", "day", "days", "week", "weeks", "months", "year", "years", "started",
        "taking", "take", "took", "feel", "feeling", "felt", "worse", "better", "still", "again", "really", "very", "also",
        "because", "usually", "sometimes", "often", "never", "always", "said", "told", "asked", "went", "gets", "getting",
        "work", "home", "family", "mother", "father", "son", "daughter", "husband", "wife", "child", "old", "new", "first",
        "last", "long", "short", "high", "low", "normal", "worried", "worry", "help", "helps", "stop", "stopped", "change",
        "changed", "okay", "safe", "bad", "good", "time", "times", "now", "before", "during", "while", "should", "would",
        "could", "can", "will", "what", "why", "how", "anyone", "else", "experience", "advice", "thanks",
    ];

    private static readonly double[] HealthWeights = Zipf(Health.Length);
    private static readonly double[] EverydayWeights = Zipf(Everyday.Length);

    public static (string Title, string Body) Next(Random random)
    {
        var title = $"{Openers[random.Next(Openers.Length)]} {Words(random, random.Next(4, 12), 0.6)}?";
        var sentences = new List<string>();
        for (var words = random.Next(30, 220); words > 0;)
        {
            var length = Math.Min(words, random.Next(6, 22));
            var sentence = Words(random, length, 0.35);
            sentences.Add(char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".");
            words -= length;
        }

        return (title, string.Join(' ', sentences));
    }

    /// <summary>Another person's wording of the same question: most of its words, some dropped, a few added, another opener.</summary>
    public static string Reworded(string title, Random random)
    {
        var words = title.TrimEnd('?').Split(' ').Skip(3).Where(_ => random.NextDouble() > 0.3).ToList();
        words.Insert(random.Next(words.Count + 1), Everyday[Pick(random, EverydayWeights)]);
        return $"{Openers[random.Next(Openers.Length)]} {string.Join(' ', words)} {Words(random, 2, 0.5)}?";
    }

    private static string Words(Random random, int count, double healthShare) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => random.NextDouble() < healthShare
            ? Health[Pick(random, HealthWeights)]
            : Everyday[Pick(random, EverydayWeights)]));

    private static double[] Zipf(int n)
    {
        var cumulative = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
            cumulative[i] = sum += 1.0 / (i + 1);
        for (var i = 0; i < n; i++)
            cumulative[i] /= sum;
        return cumulative;
    }

    private static int Pick(Random random, double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }
}
