using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// The personal JSON API's sign-in: the cookie or a personal access token. A group opts in with
/// <see cref="RequirePersonalApi{TBuilder}"/>; pages and every other endpoint keep the cookie alone, so a token
/// opens nothing else. Cross-site requests: a browser sends the cookie with any request, even one another site
/// starts, so every write of the personal API reads its body with <c>JsonBody</c>, which refuses anything but
/// <c>Content-Type: application/json</c>. A cross-site form cannot send that without a CORS preflight, which this
/// site never grants. A token is never sent by a browser on its own, so it needs no anti-forgery token either.
/// </summary>
internal static class PersonalApi
{
    public const string Policy = "PersonalApi";

    public static IServiceCollection AddPersonalApi(this IServiceCollection services)
    {
        services.AddScoped<PersonalAccessTokens>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme, PersonalAccessTokenHandler.SchemeName)
            .RequireAuthenticatedUser()
            .Build());
        services.Configure<OpenApiOptions>("v1", options =>
        {
            options.AddDocumentTransformer<PersonalApiOpenApi>();
            options.AddOperationTransformer<PersonalApiOpenApi>();
        });
        return services;
    }

    /// <summary>Accepts the cookie or a token. Apply to a whole group (<c>/api/v1/my</c>).</summary>
    public static TBuilder RequirePersonalApi<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policy);
}

/// <summary>Describes the token scheme in /openapi/v1.json and marks the personal operations with it.</summary>
internal sealed class PersonalApiOpenApi : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeId = "personalAccessToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "mat_…",
            Description = "A personal access token made on /account/tokens, sent as Authorization: Bearer mat_…. It works only for the personal API " +
                "(/api/v1/my) and acts as the account that made it. In a browser signed in to MedAtlas, the sign-in cookie works too; " +
                "then changes must be sent as application/json.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var personal = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any(a => a.Policy == PersonalApi.Policy);
        if (!personal)
            return Task.CompletedTask;

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No sign-in cookie or token, or the token is expired, revoked or of a locked account." });
        return Task.CompletedTask;
    }
}
