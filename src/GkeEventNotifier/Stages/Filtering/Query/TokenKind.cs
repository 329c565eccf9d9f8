namespace GkeEventNotifier.Stages.Filtering.Query;

internal enum TokenKind
{
    End,
    Word,
    String,
    LeftParen,
    RightParen,
    Comma,
    Dot,
    Minus,
    Star,
    And,
    Or,
    Not,
    Operator,
}
