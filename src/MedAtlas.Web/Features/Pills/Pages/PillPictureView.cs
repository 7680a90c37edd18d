namespace MedAtlas.Web.Features.Pills.Pages;

/// <summary>A pill's picture on a page: the label's photo when there is one, else the drawing.</summary>
internal sealed record PillPictureView(PillAppearance Appearance, string? PhotoUrl, int Width);
