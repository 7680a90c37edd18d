using System.Security.Cryptography;
using System.Text.Json;

namespace MedAtlas.Web.Infrastructure.StarterData;

/// <summary>The files of one starter data set, and their fingerprint.</summary>
internal sealed class StarterDataFolder(string path)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public string Path { get; } = path;

    public bool Exists => Directory.Exists(Path);

    public IEnumerable<string> Files(string pattern) =>
        Exists
            ? Directory.EnumerateFiles(Path, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];

    public async Task<List<T>> ReadJsonArraysAsync<T>(string pattern, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        foreach (var file in Files(pattern))
        {
            await using var stream = File.OpenRead(file);
            try
            {
                var items = await JsonSerializer.DeserializeAsync<List<T>>(stream, Json, cancellationToken);
                all.AddRange(items ?? []);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Starter data file {file} is not valid: {e.Message}", e);
            }
        }

        return all;
    }

    /// <summary>SHA-256 over every file's relative path and bytes: any edit, addition or removal changes it.</summary>
    public string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Files("*"))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(System.IO.Path.GetRelativePath(Path, file).Replace('\\', '/')));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
