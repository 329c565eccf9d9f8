namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>
/// Recursive descent over Google's grammar. Precedence, as documented: NOT (or a leading minus) binds tightest, then OR,
/// then AND, whether AND is written or implied between terms; so <c>a OR NOT b AND c</c> is <c>(a OR (NOT b)) AND c</c>.
/// Throws only <see cref="QuerySyntaxException"/>.
/// </summary>
internal sealed partial class QueryParser
{
    public const int MaxQueryLength = 20_000;
    private const int MaxDepth = 64;

    private readonly IReadOnlyList<Token> _tokens;
    private readonly TimeSpan _regexTimeout;
    private readonly bool _deferRegex;
    private readonly BooleanGrammar<QueryNode> _queryGrammar;
    private readonly BooleanGrammar<ValueNode> _valueGrammar;
    private readonly Dictionary<string, FieldPath> _fields = new(StringComparer.Ordinal);
    private int _index;
    private int _depth;

    private QueryParser(IReadOnlyList<Token> tokens, TimeSpan regexTimeout, bool deferRegex)
    {
        _tokens = tokens;
        _regexTimeout = regexTimeout;
        _deferRegex = deferRegex;
        _queryGrammar = new(ParseQueryPrimary, (t, p) => new QueryNode.And(t, p), (t, p) => new QueryNode.Or(t, p), (t, p) => new QueryNode.Not(t, p));
        _valueGrammar = new(ParseValuePrimary, (t, p) => new ValueNode.And(t, p), (t, p) => new ValueNode.Or(t, p), (t, p) => new ValueNode.Not(t, p));
    }

    private Token Current => _tokens[_index];

    private Token Next => _tokens[Math.Min(_index + 1, _tokens.Count - 1)];

    /// <summary><paramref name="deferRegex"/>: see <see cref="Re2Regex.Compile"/>.</summary>
    public static QueryNode Parse(string text, TimeSpan regexTimeout, bool deferRegex = false)
    {
        if (text.Length > MaxQueryLength)
        {
            throw new QuerySyntaxException(new SourcePosition(1, 1), $"the query is {text.Length} characters long; Cloud Logging allows at most {MaxQueryLength}");
        }

        var parser = new QueryParser(QueryLexer.Tokenize(text), regexTimeout, deferRegex);
        return parser.ParseQuery();
    }

    private QueryNode ParseQuery()
    {
        if (Current.Kind == TokenKind.End)
        {
            return new QueryNode.All(Current.Position);
        }

        var query = ParseExpression(_queryGrammar);
        if (Current.Kind != TokenKind.End)
        {
            throw Unexpected(Current.Kind == TokenKind.RightParen ? "this ')' has no matching '('" : $"expected AND, OR or the end of the query, but found {Current.Describe()}");
        }

        return query;
    }

    private T ParseExpression<T>(BooleanGrammar<T> grammar)
    {
        var start = Current.Position;
        var sequences = new List<T> { ParseSequence(grammar) };
        while (Current.Kind == TokenKind.And)
        {
            Advance();
            sequences.Add(ParseSequence(grammar));
        }

        return sequences.Count == 1 ? sequences[0] : grammar.And(sequences, start);
    }

    /// <summary>Terms side by side: the implicit AND.</summary>
    private T ParseSequence<T>(BooleanGrammar<T> grammar)
    {
        var start = Current.Position;
        var factors = new List<T> { ParseFactor(grammar) };
        while (StartsTerm(Current))
        {
            factors.Add(ParseFactor(grammar));
        }

        return factors.Count == 1 ? factors[0] : grammar.And(factors, start);
    }

    private T ParseFactor<T>(BooleanGrammar<T> grammar)
    {
        var start = Current.Position;
        var terms = new List<T> { ParseUnary(grammar) };
        while (Current.Kind == TokenKind.Or)
        {
            Advance();
            terms.Add(ParseUnary(grammar));
        }

        return terms.Count == 1 ? terms[0] : grammar.Or(terms, start);
    }

    private T ParseUnary<T>(BooleanGrammar<T> grammar)
    {
        var start = Current.Position;
        Enter(start);
        try
        {
            if (Current.Kind == TokenKind.Not || (Current.Kind == TokenKind.Minus && !AtNegativeNumber()))
            {
                Advance();
                return grammar.Not(ParseUnary(grammar), start);
            }

            if (Current.Kind == TokenKind.LeftParen)
            {
                Advance();
                var inner = ParseExpression(grammar);
                Expect(TokenKind.RightParen, $"the '(' at {start} is not closed");
                return inner;
            }

            return grammar.Primary();
        }
        finally
        {
            _depth--;
        }
    }

    private void Enter(SourcePosition at)
    {
        if (++_depth > MaxDepth)
        {
            throw new QuerySyntaxException(at, $"the query nests deeper than {MaxDepth} levels");
        }
    }

    private static bool StartsTerm(Token token) =>
        token.Kind is TokenKind.Word or TokenKind.String or TokenKind.LeftParen or TokenKind.Not or TokenKind.Minus;

    private bool AtNegativeNumber() =>
        Current.Kind == TokenKind.Minus && Next.Kind == TokenKind.Word && !Next.SpaceBefore && char.IsAsciiDigit(Next.Text[0]);

    private Token Advance()
    {
        var token = Current;
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    private Token Expect(TokenKind kind, string problem) => Current.Kind == kind ? Advance() : throw Unexpected(problem);

    /// <summary>An operator where a term should end usually means unquoted text with a special character (<c>insertId = abc:def</c>).</summary>
    private QuerySyntaxException Unexpected(string problem) => new(
        Current.Position,
        Current.Kind == TokenKind.Operator ? $"'{Current.Text}' needs a field name on its left (quote values that contain '{Current.Text}')" : problem);
}
