using ColorCode.Common;

namespace GitHost.Web.Highlighting;

/// <summary>ColorCode's scope names folded into the few token kinds the theme colours (light and dark).</summary>
internal static class TokenClasses
{
    private static readonly Dictionary<string, string> ByScope = new(StringComparer.Ordinal)
    {
        [ScopeName.Keyword] = "tok-keyword",
        [ScopeName.PreprocessorKeyword] = "tok-keyword",
        [ScopeName.ControlKeyword] = "tok-keyword",
        [ScopeName.PseudoKeyword] = "tok-keyword",
        [ScopeName.Comment] = "tok-comment",
        [ScopeName.XmlComment] = "tok-comment",
        [ScopeName.HtmlComment] = "tok-comment",
        [ScopeName.XmlDocComment] = "tok-comment",
        [ScopeName.XmlDocTag] = "tok-comment",
        [ScopeName.String] = "tok-string",
        [ScopeName.StringCSharpVerbatim] = "tok-string",
        [ScopeName.StringEscape] = "tok-string",
        [ScopeName.JsonString] = "tok-string",
        [ScopeName.HtmlAttributeValue] = "tok-string",
        [ScopeName.XmlAttributeValue] = "tok-string",
        [ScopeName.Number] = "tok-number",
        [ScopeName.JsonNumber] = "tok-number",
        [ScopeName.JsonConst] = "tok-keyword",
        [ScopeName.JsonKey] = "tok-name",
        [ScopeName.ClassName] = "tok-type",
        [ScopeName.Type] = "tok-type",
        [ScopeName.TypeVariable] = "tok-type",
        [ScopeName.NameSpace] = "tok-type",
        [ScopeName.Constructor] = "tok-type",
        [ScopeName.BuiltinFunction] = "tok-name",
        [ScopeName.BuiltinValue] = "tok-keyword",
        [ScopeName.Attribute] = "tok-name",
        [ScopeName.HtmlElementName] = "tok-tag",
        [ScopeName.XmlName] = "tok-tag",
        [ScopeName.HtmlAttributeName] = "tok-name",
        [ScopeName.XmlAttribute] = "tok-name",
        [ScopeName.CssSelector] = "tok-tag",
        [ScopeName.CssPropertyName] = "tok-name",
        [ScopeName.CssPropertyValue] = "tok-string",
        [ScopeName.PowerShellVariable] = "tok-name",
        [ScopeName.MarkdownHeader] = "tok-keyword",
        [ScopeName.MarkdownCode] = "tok-string",
        [ScopeName.MarkdownEmph] = "tok-name",
        [ScopeName.MarkdownBold] = "tok-name",
    };

    public static string? For(string? scopeName) => scopeName is not null && ByScope.TryGetValue(scopeName, out var cssClass) ? cssClass : null;
}
