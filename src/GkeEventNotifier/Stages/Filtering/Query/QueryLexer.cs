using System.Globalization;
using System.Text;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// Splits a Cloud Logging query into tokens: <c>--</c> comments to the end of the line, double-quoted strings with
/// backslash escapes, the comparison operators, and unquoted words. <c>AND</c>, <c>OR</c> and <c>NOT</c> are operators only
/// in capitals; in any other case they are words, as Google documents.
/// </summary>
internal sealed class QueryLexer
{
    private const string Specials = "()\",.*:=!<>~'[]{}\\`";
    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private bool _space;

    private QueryLexer(string text) => _text = text;

    public static IReadOnlyList<Token> Tokenize(string text)
    {
        var lexer = new QueryLexer(text);
        lexer.Run();
        return lexer._tokens;
    }

    private SourcePosition Here => new(_line, _pos - _lineStart + 1);

    private void Run()
    {
        while (true)
        {
            SkipSpaceAndComments();
            if (_pos >= _text.Length)
            {
                Add(TokenKind.End, string.Empty, Here);
                return;
            }

            ReadToken();
        }
    }

    private void ReadToken()
    {
        var start = Here;
        var c = _text[_pos];
        switch (c)
        {
            case '(': Single(TokenKind.LeftParen, start); break;
            case ')': Single(TokenKind.RightParen, start); break;
            case ',': Single(TokenKind.Comma, start); break;
            case '.': Single(TokenKind.Dot, start); break;
            case '*': Single(TokenKind.Star, start); break;
            case '-': Single(TokenKind.Minus, start); break;
            case '"': ReadString(start); break;
            case '=' or '<' or '>' or ':' or '!': ReadOperator(start); break;
            case '\'': throw new QuerySyntaxException(start, "single-quoted strings are not part of the Logging query language; use double quotes");
            case '~' or '[' or ']' or '{' or '}' or '\\' or '`':
                throw new QuerySyntaxException(start, $"unexpected character '{c}' (quote text that contains it)");
            default: ReadWord(start); break;
        }
    }

    private void SkipSpaceAndComments()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '-' && _pos + 1 < _text.Length && _text[_pos + 1] == '-')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (c == '\n')
                {
                    _line++;
                    _lineStart = _pos + 1;
                }

                _pos++;
            }
            else
            {
                return;
            }

            _space = true;
        }
    }

    private void Single(TokenKind kind, SourcePosition start)
    {
        _pos++;
        Add(kind, _text[(_pos - 1).._pos], start);
    }

    private void ReadOperator(SourcePosition start)
    {
        var c = _text[_pos];
        var next = _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';
        var length = (c, next) switch
        {
            ('=', '~') or ('!', '=') or ('!', '~') or ('<', '=') or ('>', '=') => 2,
            ('!', _) => throw new QuerySyntaxException(start, "'!' must be followed by '=' or '~' (use NOT or - to negate)"),
            _ => 1,
        };
        _pos += length;
        Add(TokenKind.Operator, _text.Substring(_pos - length, length), start);
    }

    private void ReadWord(SourcePosition start)
    {
        var begin = _pos;
        while (_pos < _text.Length && !char.IsWhiteSpace(_text[_pos]) && !Specials.Contains(_text[_pos], StringComparison.Ordinal)
               && !(_text[_pos] == '-' && _pos + 1 < _text.Length && _text[_pos + 1] == '-'))
        {
            _pos++;
        }

        var word = _text[begin.._pos];
        var kind = word switch
        {
            "AND" => TokenKind.And,
            "OR" => TokenKind.Or,
            "NOT" => TokenKind.Not,
            _ => TokenKind.Word,
        };
        Add(kind, word, start);
    }

    private void ReadString(SourcePosition start)
    {
        var value = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new QuerySyntaxException(start, "the string is not closed: a '\"' is missing");
            }

            var c = _text[_pos++];
            if (c == '"')
            {
                break;
            }

            if (c == '\n')
            {
                _line++;
                _lineStart = _pos;
            }

            if (c == '\\')
            {
                ReadEscape(value, start);
            }
            else
            {
                value.Append(c);
            }
        }

        Add(TokenKind.String, value.ToString(), start);
    }

    /// <summary>
    /// C-style escapes (<c>\" \\ \n \t \r \a \b \f \v \?</c>, octal <c>\377</c>, <c>\xFF</c>, <c>\u00e9</c>).
    /// An unknown escape keeps its backslash, so regular expressions such as <c>"\d+"</c> mean what they say.
    /// </summary>
    private void ReadEscape(StringBuilder value, SourcePosition start)
    {
        if (_pos >= _text.Length)
        {
            throw new QuerySyntaxException(start, "the string is not closed: it ends with a backslash");
        }

        var c = _text[_pos++];
        switch (c)
        {
            case '"' or '\\' or '\'' or '?': value.Append(c); break;
            case 'n': value.Append('\n'); break;
            case 't': value.Append('\t'); break;
            case 'r': value.Append('\r'); break;
            case 'a': value.Append('\a'); break;
            case 'b': value.Append('\b'); break;
            case 'f': value.Append('\f'); break;
            case 'v': value.Append('\v'); break;
            case 'x': value.Append(ReadCode(2, 16, start, "\\x")); break;
            case 'u': value.Append(ReadCode(4, 16, start, "\\u")); break;
            case >= '0' and <= '7':
                _pos--;
                value.Append(ReadCode(3, 8, start, "octal"));
                break;
            default: value.Append('\\').Append(c); break;
        }
    }

    private char ReadCode(int maxDigits, int radix, SourcePosition start, string name)
    {
        var code = 0;
        var digits = 0;
        while (digits < maxDigits && _pos < _text.Length && DigitValue(_text[_pos], radix) is var d && d >= 0)
        {
            code = (code * radix) + d;
            _pos++;
            digits++;
        }

        if (digits == 0 || (radix == 16 && digits != maxDigits) || code > 0xFFFF)
        {
            throw new QuerySyntaxException(start, $"the string has a malformed {name} escape");
        }

        return (char)code;
    }

    private static int DigitValue(char c, int radix) =>
        radix == 8 ? (c is >= '0' and <= '7' ? c - '0' : -1)
        : int.TryParse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v) ? v : -1;

    private void Add(TokenKind kind, string text, SourcePosition start)
    {
        _tokens.Add(new Token(kind, text, start, _space));
        _space = false;
    }
}
