using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.DataSync;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Foods;
using MedAtlas.Web.Features.HealthCenters;
using MedAtlas.Web.Features.HealthTopics;
using MedAtlas.Web.Features.Home;
using MedAtlas.Web.Features.Interactions;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Features.Pills;
using MedAtlas.Web.Features.Reviews;
using MedAtlas.Web.Features.Site;
using MedAtlas.Web.Features.Tools;
using MedAtlas.Web.Infrastructure.Commands;
using MedAtlas.Web.Infrastructure.Web;

var (command, hostArgs) = AppCommands.Split(args);
var builder = WebApplication.CreateBuilder(AppHome.Options(hostArgs));
if (command.Length > 0)
    AppCommands.ConfigureForCommand(builder);

// A bad setting (in any feature) stops the start with one line saying which, not a stack trace.
try
{
    builder.AddMedAtlasInfrastructure();
    builder.AddAccounts();
    builder.AddHome();
    builder.AddSite();
    builder.AddDrugs();
    builder.AddInteractions();
    builder.AddPills();
    builder.AddConditions();
    builder.AddMyMedicine();
    builder.AddFoods();
    builder.AddTools();
    builder.AddAlerts();
    builder.AddModeration();
    builder.AddReviews();
    builder.AddDataSync();
    builder.AddHealthCenters();
    builder.AddHealthTopics();
}
catch (MedAtlas.Web.Infrastructure.Data.MedAtlasConfigurationException e)
{
    await Console.Error.WriteLineAsync($"MedAtlas cannot start: {e.Message}");
    return 2;
}

var app = builder.Build();
if (command.Length > 0)
    return await AppCommands.RunAsync(app.Services, command, Console.Out);

await AppCommands.PrepareDatabaseAsync(app.Services);
app.UseMedAtlasInfrastructure();
app.MapAccounts();
app.MapHome();
app.MapSite();
app.MapDrugs();
app.MapInteractions();
app.MapPills();
app.MapConditions();
app.MapMyMedicine();
app.MapFoods();
app.MapTools();
app.MapAlerts();
app.MapModeration();
app.MapReviews();
app.MapDataSync();
app.MapHealthCenters();
app.MapHealthTopics();

await app.RunAsync();
return 0;

/// <summary>The entry point; public so the tests' WebApplicationFactory can start the real app.</summary>
public partial class Program;
