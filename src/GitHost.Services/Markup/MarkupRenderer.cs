using Ganss.Xss;
using Markdig;

namespace GitHost.Services.Markup;

/// <summary>
/// Comment and description markdown to HTML that is safe to put in a page. Two locks: Markdig
/// renders raw HTML as text (DisableHtml), and the result still goes through an HTML sanitizer
/// with a scheme allow-list, since markdown alone can produce <c>javascript:</c> links and
/// images whose attributes a later extension might let through.
/// </summary>
public sealed class MarkupRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    public string Render(string markdown) => sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("style");
        sanitizer.PostProcessNode += (_, e) =>
        {
            // Links leave for other sites: no referrer, no opener, no ranking credit.
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
