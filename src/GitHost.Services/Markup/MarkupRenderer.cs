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

    /// <summary>As <see cref="Render(string)"/>, with the mentions of <paramref name="mentioned"/> (by <see cref="Mentions.Names"/>) linked to their users.</summary>
    public string Render(string markdown, IReadOnlyDictionary<string, Data.Users.UserEntity> mentioned) => Render(Mentions.Link(markdown, mentioned));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedAttributes.Remove("style");

        // Only the class that marks a ```suggestion block, so the page can show it as a suggested change;
        // any other class (the page's own, a user's) is dropped and cannot restyle or mimic the page.
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedClasses.Add("language-suggestion");
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
