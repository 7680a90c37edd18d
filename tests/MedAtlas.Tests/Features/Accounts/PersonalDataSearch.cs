using System.Data.Common;
using System.Net;
using System.Text.Json;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Accounts;

/// <summary>What "delete my account" must leave nowhere: a search of the whole database for a person's id, email or name.</summary>
internal static class PersonalDataSearch
{
    /// <summary>Every text column of every table in the model, searched for each value (case-insensitive); "table.column: value" per hit.</summary>
    public static async Task<List<string>> FindEverywhereAsync(this MedAtlasApp app, string[] needles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var hits = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            var columns = table.Columns.Where(c => c.ProviderClrType == typeof(string) || c.StoreType.Contains("text", StringComparison.OrdinalIgnoreCase)
                || c.StoreType.Contains("char", StringComparison.OrdinalIgnoreCase) || c.StoreType.Contains("json", StringComparison.OrdinalIgnoreCase)).ToList();
            if (columns.Count == 0)
                continue;
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c.Name}\""))} FROM \"{table.Name}\"";
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    if (reader.IsDBNull(i))
                        continue;
                    var value = Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    foreach (var needle in needles.Where(n => value.Contains(n, StringComparison.OrdinalIgnoreCase)))
                        hits.Add($"{table.Name}.{columns[i].Name}: {needle}");
                }
            }
        }

        return hits;
    }

    /// <summary>One source's part of the signed-in person's "download all my data" JSON (<c>data.{part}</c>).</summary>
    public static async Task<JsonElement> DownloadedPartAsync(this HttpClient client, string part)
    {
        var response = await client.GetAsync("/account/data?download=1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("data").GetProperty(part);
    }
}
