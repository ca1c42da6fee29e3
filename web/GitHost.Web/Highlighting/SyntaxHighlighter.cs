using System.Text;
using System.Text.Encodings.Web;
using ColorCode;
using ColorCode.Common;
using ColorCode.Parsing;

namespace GitHost.Web.Highlighting;

/// <summary>
/// Colours source code for the file view: ColorCode's grammars find the tokens, and each line comes
/// back as its own HTML (a token that spans lines is closed and reopened), so the numbered, anchored
/// rows stay one per line. Every piece of text is HTML-encoded here and the only markup added is
/// spans with classes from a fixed list, so the result is safe to put in the page as is.
/// </summary>
public sealed class SyntaxHighlighter
{
    /// <summary>Above this many characters a page of lines is shown plain: colour is not worth a slow page.</summary>
    public const int MaxCharacters = 256 * 1024;

    private static readonly Dictionary<string, string> LanguageByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cs"] = LanguageId.CSharp, ["csx"] = LanguageId.CSharp,
        ["js"] = LanguageId.JavaScript, ["mjs"] = LanguageId.JavaScript, ["cjs"] = LanguageId.JavaScript, ["jsx"] = LanguageId.JavaScript,
        ["ts"] = LanguageId.TypeScript, ["tsx"] = LanguageId.TypeScript,
        ["java"] = LanguageId.Java, ["py"] = LanguageId.Python, ["sql"] = LanguageId.Sql, ["php"] = LanguageId.Php,
        ["ps1"] = LanguageId.PowerShell, ["psm1"] = LanguageId.PowerShell, ["vb"] = LanguageId.VbDotNet, ["fs"] = LanguageId.FSharp,
        ["hs"] = LanguageId.Haskell, ["css"] = LanguageId.Css, ["json"] = LanguageId.Json, ["md"] = LanguageId.Markdown,
        ["c"] = LanguageId.Cpp, ["h"] = LanguageId.Cpp, ["cc"] = LanguageId.Cpp, ["cpp"] = LanguageId.Cpp, ["hpp"] = LanguageId.Cpp, ["cxx"] = LanguageId.Cpp,
        ["html"] = LanguageId.Html, ["htm"] = LanguageId.Html, ["razor"] = LanguageId.Html, ["cshtml"] = LanguageId.Html,
        ["xml"] = LanguageId.Xml, ["csproj"] = LanguageId.Xml, ["props"] = LanguageId.Xml, ["targets"] = LanguageId.Xml,
        ["config"] = LanguageId.Xml, ["xaml"] = LanguageId.Xml, ["svg"] = LanguageId.Xml, ["pom"] = LanguageId.Xml,
        ["f90"] = LanguageId.Fortran, ["m"] = LanguageId.MatLab,
    };

    private readonly HtmlEncoder _encoder = HtmlEncoder.Default;

    /// <summary>The language for a file name, or null when GitHost has no grammar for it.</summary>
    public static ILanguage? LanguageFor(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        return dot >= 0 && LanguageByExtension.TryGetValue(fileName[(dot + 1)..], out var id) ? Languages.FindById(id) : null;
    }

    /// <summary>One HTML fragment per line of <paramref name="lines"/>; null when the file is not coloured (unknown language, too large).</summary>
    public IReadOnlyList<string>? Highlight(string fileName, IReadOnlyList<string> lines)
    {
        if (LanguageFor(fileName) is not { } language || lines.Sum(l => l.Length + 1) > MaxCharacters)
        {
            return null;
        }

        var text = string.Join('\n', lines);
        var tokens = new ScopeReader().Read(text, language);
        return ToLines(text, tokens, lines.Count);
    }

    private List<string> ToLines(string text, IReadOnlyList<(int Start, int Length, string Class)> tokens, int lineCount)
    {
        var result = new List<string>(lineCount);
        var line = new StringBuilder();
        var position = 0;

        void Emit(int end, string? cssClass)
        {
            while (position < end)
            {
                var newline = text.IndexOf('\n', position, end - position);
                var pieceEnd = newline < 0 ? end : newline;
                if (pieceEnd > position)
                {
                    var encoded = _encoder.Encode(text[position..pieceEnd]);
                    line.Append(cssClass is null ? encoded : $"<span class=\"{cssClass}\">{encoded}</span>");
                }

                if (newline < 0)
                {
                    position = end;
                    return;
                }

                result.Add(line.ToString());
                line.Clear();
                position = newline + 1;
            }
        }

        foreach (var (start, length, cssClass) in tokens)
        {
            if (start < position)
            {
                continue;
            }

            Emit(start, null);
            Emit(start + length, cssClass);
        }

        Emit(text.Length, null);
        result.Add(line.ToString());
        return result;
    }

    /// <summary>ColorCode's parser, run for its scopes (innermost wins), in text order.</summary>
    private sealed class ScopeReader() : CodeColorizerBase(null, null)
    {
        private readonly List<(int Start, int Length, string Class)> _tokens = [];
        private int _offset;

        public IReadOnlyList<(int Start, int Length, string Class)> Read(string text, ILanguage language)
        {
            languageParser.Parse(text, language, Write);
            return _tokens.OrderBy(t => t.Start).ToList();
        }

        protected override void Write(string parsedSourceCode, IList<Scope> scopes)
        {
            foreach (var scope in scopes)
            {
                Add(scope);
            }

            _offset += parsedSourceCode.Length;
        }

        private void Add(Scope scope)
        {
            if (scope.Children.Count == 0)
            {
                if (TokenClasses.For(scope.Name) is { } cssClass)
                {
                    _tokens.Add((_offset + scope.Index, scope.Length, cssClass));
                }

                return;
            }

            // A scope's own text between its children keeps the scope's colour.
            var cursor = scope.Index;
            foreach (var child in scope.Children.OrderBy(c => c.Index))
            {
                if (child.Index > cursor && TokenClasses.For(scope.Name) is { } own)
                {
                    _tokens.Add((_offset + cursor, child.Index - cursor, own));
                }

                Add(child);
                cursor = child.Index + child.Length;
            }

            if (scope.Index + scope.Length > cursor && TokenClasses.For(scope.Name) is { } tail)
            {
                _tokens.Add((_offset + cursor, scope.Index + scope.Length - cursor, tail));
            }
        }
    }
}
