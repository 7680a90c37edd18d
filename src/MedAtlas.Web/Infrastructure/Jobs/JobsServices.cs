namespace MedAtlas.Web.Infrastructure.Jobs;

internal static class JobsServices
{
    /// <summary>The job host, its triggers and the status read for Admins. Features add their jobs with <see cref="AddJob{TJob}"/>.</summary>
    public static WebApplicationBuilder AddMedAtlasJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(JobSettings.From(builder.Configuration));
        builder.Services.AddSingleton<JobTriggers>();
        builder.Services.AddScoped<JobStateStore>();
        builder.Services.AddScoped<JobStatuses>();
        builder.Services.AddHostedService<JobHost>();
        return builder;
    }

    /// <summary>
    /// Registers a job: <paramref name="name"/> is its key in <c>job_states</c> and for <see cref="JobTriggers.Wake"/>;
    /// it runs every <paramref name="interval"/> (and when woken); with <paramref name="singleNode"/> only the
    /// node holding the database lease runs it.
    /// </summary>
    public static IServiceCollection AddJob<TJob>(this IServiceCollection services, string name, TimeSpan interval, bool singleNode)
        where TJob : class, IJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        if (name.Length > 100)
            throw new ArgumentException("A job name is at most 100 characters (job_states.Name).", nameof(name));
        services.AddScoped<TJob>();
        services.AddSingleton(new JobDefinition(name, typeof(TJob), interval, singleNode));
        return services;
    }
}
