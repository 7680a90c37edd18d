using Microsoft.AspNetCore.Identity;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>How Identity's tables are shaped; read both by the app and by the migrations' design-time factories.</summary>
internal static class AccountStoreOptions
{
    public static void Apply(IdentityOptions options)
    {
        // Version 3 adds the passkeys table (AspNetUserPasskeys).
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
        options.Stores.MaxLengthForKeys = 128;
    }
}
