namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>The leaves of the grammar: comparisons, presence tests, functions and values.</summary>
internal sealed partial class QueryParser
{
    private static readonly string[] KnownUnsupportedFunctions = ["search", "sample", "source", "ip_in_net", "cast", "regexp_extract"];

    private QueryNode ParseQueryPrimary()
    {
        var start = Current.Position;
        if (Current.Kind == TokenKind.Word && Next.Kind == TokenKind.LeftParen && !Next.SpaceBefore)
        {
            return ParseFunction();
        }

        if (Current.Kind is TokenKind.Word or TokenKind.String)
        {
            var parts = ReadCompound();
            return Current.Kind == TokenKind.Operator
                ? ParseComparison(parts, start)
                : new QueryNode.Global(ToLiteral(parts, start, negative: false), start);
        }

        if (AtNegativeNumber())
        {
            return new QueryNode.Global(ParseValueLiteral(), start);
        }

        throw Unexpected(Current.Kind switch
        {
            TokenKind.End => "the query ends where a term is expected",
            TokenKind.RightParen => "expected a term before ')'",
            TokenKind.Operator => $"'{Current.Text}' needs a field name on its left",
            _ => $"expected a comparison, a value or '(' but found {Current.Describe()}",
        });
    }

    private QueryNode ParseComparison(List<Token> parts, SourcePosition start)
    {
        var field = ResolveField(parts);
        var opToken = Advance();
        if (!ComparisonOperators.TryParse(opToken.Text, out var op))
        {
            throw new QuerySyntaxException(opToken.Position, $"'{opToken.Text}' is not a comparison operator");
        }

        if (op == ComparisonOperator.Has && Current.Kind == TokenKind.Star)
        {
            Advance();
            return new QueryNode.Presence(field, start);
        }

        var value = Current.Kind == TokenKind.LeftParen ? ParseValueList() : new ValueNode.Leaf(ParseValueLiteral());
        return new QueryNode.Comparison(field, op, Bind(value, field, op), start);
    }

    private ValueNode ParseValueList()
    {
        var start = Advance().Position;
        Enter(start);
        try
        {
            var list = ParseExpression(_valueGrammar);
            Expect(TokenKind.RightParen, $"the '(' at {start} is not closed");
            return list;
        }
        finally
        {
            _depth--;
        }
    }

    private ValueNode Bind(ValueNode value, FieldPath field, ComparisonOperator op) => value switch
    {
        ValueNode.Leaf leaf => new ValueNode.Leaf(leaf.Literal.BindTo(field, op, _regexTimeout, _deferRegex)),
        ValueNode.And and => and with { Terms = [.. and.Terms.Select(t => Bind(t, field, op))] },
        ValueNode.Or or => or with { Terms = [.. or.Terms.Select(t => Bind(t, field, op))] },
        ValueNode.Not not => not with { Term = Bind(not.Term, field, op) },
        _ => value,
    };

    private ValueNode.Leaf ParseValuePrimary() => new ValueNode.Leaf(ParseValueLiteral());

    private QueryLiteral ParseValueLiteral()
    {
        var start = Current.Position;
        if (Current.Kind == TokenKind.Word && Current.Text == "NULL_VALUE")
        {
            Advance();
            return QueryLiteral.Create("NULL_VALUE", LiteralKind.Null, start);
        }

        if (Current.Kind == TokenKind.Word && Next.Kind == TokenKind.LeftParen && !Next.SpaceBefore)
        {
            throw Unexpected($"functions are not supported as comparison values ('{Current.Text}(')");
        }

        var negative = AtNegativeNumber();
        if (negative)
        {
            Advance();
        }

        if (Current.Kind is not (TokenKind.Word or TokenKind.String))
        {
            throw Unexpected(Current.Kind == TokenKind.Star
                ? "'*' is only allowed right after ':' (field:* tests that a field is present)"
                : $"expected a value but found {Current.Describe()}");
        }

        return ToLiteral(ReadCompound(), start, negative);
    }

    /// <summary>
    /// Words and strings joined by dots with no space between: a field path, a number such as <c>3.2e-8</c>, or an
    /// unquoted dotted value such as <c>io.k8s.apps.v1.deployments.create</c>, which Cloud Logging takes as that text.
    /// </summary>
    private List<Token> ReadCompound()
    {
        var parts = new List<Token> { Advance() };
        while (Current.Kind == TokenKind.Dot && !Current.SpaceBefore)
        {
            var dot = Advance();
            if (Current.Kind is not (TokenKind.Word or TokenKind.String) || Current.SpaceBefore)
            {
                throw new QuerySyntaxException(dot.Position, "a '.' must join two parts of a field path or value (quote values that start or end with '.')");
            }

            parts.Add(Advance());
        }

        return parts;
    }

    private static QueryLiteral ToLiteral(List<Token> parts, SourcePosition start, bool negative)
    {
        if (parts is [{ Kind: TokenKind.String } single])
        {
            return QueryLiteral.Create(single.Text, LiteralKind.Quoted, start);
        }

        var text = (negative ? "-" : string.Empty) + string.Join('.', parts.Select(p => p.Text));
        if (parts.Any(p => p.Kind == TokenKind.String))
        {
            throw new QuerySyntaxException(start, $"the value {text} mixes quoted and unquoted parts: quote all of it");
        }

        return QueryLiteral.Create(text, LiteralKind.Unquoted, start);
    }

    /// <summary>
    /// One instance per distinct path in a query, so that an evaluation's field lookups (<see cref="FieldLookups"/>) find
    /// a path they resolved already by reference.
    /// </summary>
    private FieldPath ResolveField(List<Token> parts)
    {
        if (parts[0].Kind != TokenKind.Word)
        {
            throw new QuerySyntaxException(parts[0].Position, "a comparison starts with a LogEntry field name, not a quoted string");
        }

        var field = LogEntrySchema.Resolve([.. parts.Select(p => (p.Text, p.Position))]);
        var key = $"{field.CaseInsensitiveKeys}\n{string.Join('\n', field.Segments)}";
        return _fields.TryGetValue(key, out var same) ? same : _fields[key] = field;
    }

    private QueryNode.LogId ParseFunction()
    {
        var name = Advance();
        if (!name.Text.Equals("log_id", StringComparison.OrdinalIgnoreCase))
        {
            var known = KnownUnsupportedFunctions.Contains(name.Text, StringComparer.OrdinalIgnoreCase) ? "Google's" : "an unknown";
            throw new QuerySyntaxException(name.Position, $"{known} function '{name.Text}' is not supported here (supported: log_id)");
        }

        Advance();
        var argument = ParseValueLiteral();
        if (argument.Kind == LiteralKind.Null || Current.Kind != TokenKind.RightParen)
        {
            throw Unexpected("log_id takes exactly one argument, the log ID, e.g. log_id(\"events\")");
        }

        Advance();
        return new QueryNode.LogId(argument.Text, name.Position);
    }
}
