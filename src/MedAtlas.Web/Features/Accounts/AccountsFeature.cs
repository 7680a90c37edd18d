using System.Threading.RateLimiting;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// Accounts: Identity (passwords, passkeys, two-factor), sessions, roles and the staff pages. Every later
/// feature asks this one "who is this, and may they?" through <see cref="AccountClaims"/>, the role policies
/// in <see cref="StaffRoles"/> and <see cref="Ownership"/>.
/// </summary>
internal static class AccountsFeature
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Outside Development cookies are Secure-only (and __Host- prefixed), unless the operator says the site is served
        // over plain HTTP on purpose (MedAtlas:AllowPlainHttp, docs/deployment.md): then they follow the request.
        var strictCookies = !builder.Environment.IsDevelopment() && !builder.Configuration.GetValue("MedAtlas:AllowPlainHttp", false);

        services.AddIdentity<Account, IdentityRole>(options =>
            {
                AccountStoreOptions.Apply(options);
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.SignIn.RequireConfirmedAccount = true;

                // OWASP ASVS 2.1: length, no composition rules; common passwords are refused by CommonPasswordValidator.
                options.Password.RequiredLength = AccountRules.PasswordMinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;

                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<MedAtlasDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeSignInTokenProvider>(OneTimeSignIn.Provider)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>();

        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = AccountRules.Pbkdf2Iterations;
        });
        // Confirmation and reset links live a day; a reset link also dies when it is used (the stamp changes).
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));
        // The session table is what revokes a device at once; the stamp check is the slower backstop.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(5);
            o.OnRefreshingPrincipal = AccountClaimsFactory.KeepSessionClaims;
        });

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = strictCookies ? "__Host-medatlas" : "medatlas";
            options.LoginPath = "/sign-in";
            options.LogoutPath = "/sign-out";
            options.AccessDeniedPath = "/sign-in";
            options.ReturnUrlParameter = "returnUrl";
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = AccountCookieEvents.RedirectToSignIn;
            options.Events.OnRedirectToAccessDenied = AccountCookieEvents.AccessDeniedIsNotFound;
            options.Events.OnSigningIn = AccountCookieEvents.StartSessionAsync;
            options.Events.OnSigningOut = AccountCookieEvents.EndSessionAsync;
            options.Events.OnValidatePrincipal = AccountCookieEvents.ValidateAsync;
        });
        // Every cookie Identity writes (the sign-in, the half-way two-factor one, "remember this device"): HttpOnly,
        // SameSite=Lax, Secure outside Development.
        services.PostConfigureAll<CookieAuthenticationOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = strictCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = strictCookies ? "__Host-medatlas-af" : "medatlas-af";
            options.Cookie.SecurePolicy = strictCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        // "Remember this device" after a two-factor code lasts 30 days (Identity's default would be 14).
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => o.ExpireTimeSpan = TimeSpan.FromDays(30));
        // Passkeys: the relying party id is the request's host unless a setting says otherwise, and Identity
        // accepts only credentials made on the request's own origin (docs/configuration.md, Passkeys).
        services.Configure<IdentityPasskeyOptions>(o =>
        {
            if (builder.Configuration["Accounts:Passkeys:ServerDomain"] is { Length: > 0 } domain)
                o.ServerDomain = domain;
            o.ResidentKeyRequirement = "required";
            o.UserVerificationRequirement = "required";
        });

        services.AddAuthorizationBuilder().AddStaffPolicies();
        services.AddScoped<AccountSessions>();
        services.AddScoped<AccountMails>();
        services.AddScoped<Registration>();
        services.AddScoped<CommonPasswordValidator>();
        services.AddSingleton<SignInTiming>();
        services.AddSingleton<PublicLinks>();
        services.AddAccountRateLimits(builder.Configuration);
        services.AddJob<ExpiredSessionCleanup>(ExpiredSessionCleanup.JobName, TimeSpan.FromHours(6), singleNode: true);
        services.AddScoped<StaffDirectory>();
        services.AddScoped<StaffAudit>();
        services.AddScoped<Authors>();
        services.AddScoped<PersonalData>();
        services.AddScoped<IPersonalDataSource, AccountProfileData>();
        services.AddScoped<IPersonalDataSource, AccountSessionsData>();
        services.AddScoped<IPersonalDataSource, AccountAuditData>();
        services.AddScoped<IPersonalDataSource, AccountMailData>();
        services.AddScoped<IPersonalDataSource, AccountTokensData>();
        services.AddPersonalApi();
        return builder;
    }

    public static WebApplication MapAccounts(this WebApplication app)
    {
        // Without a configured public address, links in mail follow the request's Host header (docs/configuration.md).
        if (app.Environment.IsProduction() && app.Services.GetRequiredService<PublicLinks>().Configured is null)
        {
            app.Logger.LogWarning(
                "MedAtlas:PublicUrl is not set: links in account mail follow each request's Host header. Set it to the site's public address.");
        }

        return app;
    }
}
