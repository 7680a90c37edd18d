using Microsoft.AspNetCore.Authorization;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// The staff roles and the verified-expert mark. Each has a policy of the same name, so a later feature writes
/// <c>[Authorize(Policy = StaffRoles.MedicalReviewer)]</c> or <c>.RequireAuthorization(StaffRoles.Moderator)</c>.
/// </summary>
internal static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string MedicalReviewer = "MedicalReviewer";
    public const string Writer = "Writer";
    public const string Moderator = "Moderator";

    /// <summary>Granted only by verifying an expert's credentials on /admin/people, never directly.</summary>
    public const string Expert = "Expert";

    /// <summary>A policy, not a role: Admins and Editors (the FDA alerts' review pages, /admin/alerts).</summary>
    public const string EditorOrAdmin = "EditorOrAdmin";

    /// <summary>A policy, not a role: everyone who works on health-center content (/admin/content): Writers, Medical
    /// reviewers, Editors and Admins. What each may do there is decided per action by the editorial workflow.</summary>
    public const string ContentStaff = "ContentStaff";

    /// <summary>Roles an Admin grants and revokes by hand, in the order the admin page lists them.</summary>
    public static readonly IReadOnlyList<string> Grantable = [Admin, Editor, MedicalReviewer, Writer, Moderator];

    public static readonly IReadOnlyList<string> All = [.. Grantable, Expert];

    public static string Describe(string role) => role switch
    {
        Admin => "Admin: manages people, roles and the site",
        Editor => "Editor: publishes health-center content",
        MedicalReviewer => "Medical reviewer: signs off medical content",
        Writer => "Writer: drafts health-center content",
        Moderator => "Moderator: reviews reported posts, reviews and answers",
        Expert => "Verified expert: credentials shown as a badge",
        _ => role,
    };

    public static AuthorizationBuilder AddStaffPolicies(this AuthorizationBuilder builder)
    {
        foreach (var role in All)
            builder.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(role));
        builder.AddPolicy(EditorOrAdmin, policy => policy.RequireAuthenticatedUser().RequireRole(Admin, Editor));
        builder.AddPolicy(ContentStaff, policy => policy.RequireAuthenticatedUser().RequireRole(Admin, Editor, MedicalReviewer, Writer));
        return builder;
    }
}
