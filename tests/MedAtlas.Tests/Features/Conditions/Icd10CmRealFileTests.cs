using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Conditions;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Conditions;

public sealed class Icd10CmRealFileTests
{
    [Fact]
    public async Task The_CMS_2018_category_file_imports_whole()
    {
        var file = SharedData.Require("icd10cm-2018-categories/categories.csv");
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "icd10cm", file);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+24,628\b", output);
        Assert.Matches(@"rejected\s+0\b", output);
        var count = await app.WithDbAsync(db => db.Set<Icd10Code>().CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(24_628, count);
        using var client = app.CreateClient();
        Assert.Contains("Type 2 diabetes mellitus", await client.GetStringAsync("/api/v1/conditions/icd10/E11", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
