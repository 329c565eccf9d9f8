namespace GkeEventNotifier.Tests.Deploy.ProviderSchema;

/// <summary>What a literal argument value is, as far as a schema check needs to know (anything computed is <c>Expression</c>).</summary>
internal enum HclValueKind
{
    Expression,
    Null,
    Bool,
    Number,
    String,
    Template,
    Tuple,
    Object,
}

/// <summary><c>name = value</c>: the value's kind, and its text when it is a plain string or number.</summary>
internal sealed record HclAttribute(string Name, HclValueKind Kind, string? Literal, string Expression, int Line);

/// <summary><c>type "label" … { body }</c>.</summary>
internal sealed record HclBlock(string Type, IReadOnlyList<string> Labels, HclBody Body, int Line);

internal sealed record HclBody(IReadOnlyList<HclAttribute> Attributes, IReadOnlyList<HclBlock> Blocks);

/// <summary>
/// The structure of an HCL file (blocks, labels, arguments, literal values), enough to check a module against a
/// provider schema without terraform. It knows strings with <c>${…}</c> and <c>%{…}</c> templates, heredocs, the three
/// comment forms, and expressions that span lines inside brackets; it does not evaluate anything.
/// </summary>
internal sealed class Hcl
{
    private readonly string _text;
    private readonly string _file;
    private int _pos;

    private Hcl(string text, string file)
    {
        _text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        _file = file;
    }

    public static HclBody Parse(string text, string file) => new Hcl(text, file).ParseBody(topLevel: true);

    private HclBody ParseBody(bool topLevel)
    {
        var attributes = new List<HclAttribute>();
        var blocks = new List<HclBlock>();
        while (true)
        {
            SkipTrivia(newlines: true);
            if (_pos >= _text.Length)
            {
                return topLevel ? new HclBody(attributes, blocks) : throw Error("unexpected end of file inside a block");
            }

            if (_text[_pos] == '}')
            {
                if (topLevel)
                {
                    throw Error("unexpected '}'");
                }

                _pos++;
                return new HclBody(attributes, blocks);
            }

            var line = LineAt(_pos);
            var name = ReadIdentifier();
            SkipTrivia(newlines: false);
            if (Peek() == '=' && Peek(1) != '=')
            {
                _pos++;
                attributes.Add(ReadAttribute(name, line));
            }
            else
            {
                blocks.Add(ReadBlock(name, line));
            }
        }
    }

    private HclAttribute ReadAttribute(string name, int line)
    {
        SkipTrivia(newlines: false);
        var start = _pos;
        var depth = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (depth == 0 && (c == '\n' || c == '}' || c == '#' || (c == '/' && Peek(1) is '/' or '*')))
            {
                break;
            }

            switch (c)
            {
                case '"':
                    SkipString();
                    continue;
                case '<' when Peek(1) == '<' && IsHeredocStart(_pos + 2):
                    SkipHeredoc();
                    continue;
                case '#':
                case '/' when Peek(1) is '/' or '*':
                    SkipComment();
                    continue;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
            }

            _pos++;
        }

        var expression = _text[start.._pos].Trim();
        var (kind, literal) = Classify(expression);
        return new HclAttribute(name, kind, literal, expression, line);
    }

    private HclBlock ReadBlock(string type, int line)
    {
        var labels = new List<string>();
        while (true)
        {
            SkipTrivia(newlines: false);
            var c = Peek();
            if (c == '{')
            {
                _pos++;
                return new HclBlock(type, labels, ParseBody(topLevel: false), line);
            }

            if (c == '"')
            {
                var start = _pos;
                SkipString();
                labels.Add(_text[(start + 1)..(_pos - 1)]);
            }
            else if (IsIdentifierStart(c))
            {
                labels.Add(ReadIdentifier());
            }
            else
            {
                throw Error($"expected '=' or a block after '{type}'");
            }
        }
    }

    private static (HclValueKind, string?) Classify(string expression)
    {
        if (expression is "true" or "false")
        {
            return (HclValueKind.Bool, expression);
        }

        if (expression == "null")
        {
            return (HclValueKind.Null, null);
        }

        if (double.TryParse(expression, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            && char.IsAsciiDigit(expression[0]))
        {
            return (HclValueKind.Number, expression);
        }

        if (expression.StartsWith('"') && EndOfString(expression, 0) == expression.Length)
        {
            var body = expression[1..^1];
            return body.Contains("${", StringComparison.Ordinal) || body.Contains("%{", StringComparison.Ordinal)
                ? (HclValueKind.Template, null)
                : (HclValueKind.String, Unescape(body));
        }

        if (expression.StartsWith("<<", StringComparison.Ordinal))
        {
            return (HclValueKind.Template, null);
        }

        return expression switch
        {
            _ when expression.StartsWith('[') && Closes(expression, '[', ']') => (HclValueKind.Tuple, null),
            _ when expression.StartsWith('{') && Closes(expression, '{', '}') => (HclValueKind.Object, null),
            _ => (HclValueKind.Expression, null),
        };
    }

    /// <summary>Whether the bracket that opens the expression is the one that closes it (so <c>[a][0]</c> is no tuple).</summary>
    private static bool Closes(string expression, char open, char close)
    {
        var depth = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '"')
            {
                i = EndOfString(expression, i) - 1;
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    return i == expression.Length - 1 && c == close && expression[0] == open;
                }
            }
        }

        return false;
    }

    private static string Unescape(string body) =>
        body.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            .Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal);

    /// <summary>Index just past the string that opens at <paramref name="start"/>, templates included.</summary>
    private static int EndOfString(string text, int start)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
            }
            else if (c == '"')
            {
                return i + 1;
            }
            else if (c is '$' or '%' && i + 1 < text.Length && text[i + 1] == '{')
            {
                if (i > start + 1 && text[i - 1] == c)
                {
                    i += 2; // $${ and %%{ are escapes, not templates
                    continue;
                }

                i = EndOfTemplate(text, i + 2);
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    private static int EndOfTemplate(string text, int i)
    {
        var depth = 1;
        while (i < text.Length && depth > 0)
        {
            var c = text[i];
            if (c == '"')
            {
                i = EndOfString(text, i);
                continue;
            }

            depth += c switch { '{' => 1, '}' => -1, _ => 0 };
            i++;
        }

        return i;
    }

    private void SkipString() => _pos = EndOfString(_text, _pos);

    private bool IsHeredocStart(int i)
    {
        if (i < _text.Length && _text[i] == '-')
        {
            i++;
        }

        return i < _text.Length && IsIdentifierStart(_text[i]);
    }

    private void SkipHeredoc()
    {
        _pos += 2;
        if (Peek() == '-')
        {
            _pos++;
        }

        var marker = ReadIdentifier();
        var lineEnd = _text.IndexOf('\n', _pos);
        while (lineEnd >= 0)
        {
            var next = _text.IndexOf('\n', lineEnd + 1);
            var line = next < 0 ? _text[(lineEnd + 1)..] : _text[(lineEnd + 1)..next];
            if (line.Trim() == marker)
            {
                _pos = next < 0 ? _text.Length : next;
                return;
            }

            lineEnd = next;
        }

        throw Error($"heredoc <<{marker} is never closed");
    }

    private void SkipComment()
    {
        if (Peek() == '/' && Peek(1) == '*')
        {
            var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
            _pos = end < 0 ? throw Error("/* comment is never closed") : end + 2;
            return;
        }

        var newline = _text.IndexOf('\n', _pos);
        _pos = newline < 0 ? _text.Length : newline;
    }

    private void SkipTrivia(bool newlines)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\r' || (newlines && c == '\n'))
            {
                _pos++;
            }
            else if (c == '#' || (c == '/' && Peek(1) is '/' or '*'))
            {
                SkipComment();
            }
            else
            {
                return;
            }
        }
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        if (!IsIdentifierStart(Peek()))
        {
            throw Error($"expected a name, found '{Peek()}'");
        }

        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '-'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private char Peek(int offset = 0) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private int LineAt(int index) => 1 + _text.AsSpan(0, index).Count('\n');

    private FormatException Error(string message) => new($"{_file}:{LineAt(_pos)}: {message}");
}
