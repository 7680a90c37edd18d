namespace MedAtlas.Web.Infrastructure.Data;

/// <summary>
/// Who owns a row. Starter data updates only rows it owns; imports update only what they imported or
/// what the starter data owns for the same key (an import is the fuller, newer truth); editors' and
/// users' rows are never overwritten by either.
/// </summary>
internal enum ContentOrigin
{
    Starter = 0,
    Imported = 1,
    Editor = 2,
    User = 3,
}
