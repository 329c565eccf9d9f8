using System.Buffers;
using System.Text;
using GkeEventNotifier.Stages.Decoding;

namespace GkeEventNotifier.Stages.Filtering.Query;

internal sealed partial class QueryPrefilter
{
    /// <summary>A compiled term: its answer on the scanned values, each as <see cref="QueryEvaluator"/> would give it, or Unknown.</summary>
    private abstract partial class Term
    {
        private static readonly Term KnownTrue = new Constant(Truth.True);
        private static readonly Term KnownUnknown = new Constant(Truth.Unknown);

        public static Term Known(Truth truth) => truth == Truth.True ? KnownTrue : KnownUnknown;

        public abstract Truth Evaluate(ParsedLogEntry entry);

        private sealed class Constant(Truth truth) : Term
        {
            public override Truth Evaluate(ParsedLogEntry entry) => truth;
        }

        /// <summary>
        /// AND (decided by a False) or OR (decided by a True) in Kleene's logic: the deciding answer of any term decides;
        /// otherwise an Unknown term leaves the whole Unknown.
        /// </summary>
        public sealed class Junction(Term[] terms, Truth deciding) : Term
        {
            public override Truth Evaluate(ParsedLogEntry entry)
            {
                var answer = deciding.Not();
                foreach (var term in terms)
                {
                    var truth = term.Evaluate(entry);
                    if (truth == deciding)
                    {
                        return deciding;
                    }

                    answer = truth == Truth.Unknown ? Truth.Unknown : answer;
                }

                return answer;
            }
        }

        public sealed class Negation(Term term) : Term
        {
            public override Truth Evaluate(ParsedLogEntry entry) => term.Evaluate(entry).Not();
        }

        /// <summary><c>field:*</c>: any value, null included; an array (which may be empty) is left to the evaluator.</summary>
        public sealed class Present(int path) : Term
        {
            public override Truth Evaluate(ParsedLogEntry entry) => entry.Scanned(path).Kind switch
            {
                ScannedKind.Missing => Truth.False,
                ScannedKind.Array or ScannedKind.FannedOut => Truth.Unknown,
                _ => Truth.True,
            };
        }

        public sealed class LogId(int logName, string id) : Term
        {
            public override Truth Evaluate(ParsedLogEntry entry)
            {
                var value = entry.Scanned(logName);
                if (value.Kind != ScannedKind.String)
                {
                    return Truth.False;
                }

                var leaf = new ScannedString(entry, value);
                try
                {
                    return Truths.Of(LogIds.Matches(leaf.Text, id));
                }
                finally
                {
                    leaf.Dispose();
                }
            }
        }

        /// <summary>A string or payload field compared with a value (or a combination of values) that is no regular expression.</summary>
        public sealed class Compared(int path, QueryNode.Comparison comparison) : Term
        {
            private static readonly ScannedValue EmptyString = new(ScannedKind.String, 0, 0, Escaped: false);

            public override Truth Evaluate(ParsedLogEntry entry)
            {
                var value = entry.Scanned(path) switch
                {
                    // An absent LogEntry field compares as its default value, which for a string field is empty (DefaultValues).
                    { Kind: ScannedKind.Missing } when comparison.Field.IsDefaulted => EmptyString,
                    var found => found,
                };
                if (value.Kind == ScannedKind.Missing)
                {
                    return Truth.False;
                }

                if (value.Kind is not (ScannedKind.String or ScannedKind.True or ScannedKind.False or ScannedKind.Null))
                {
                    return Truth.Unknown;
                }

                var leaf = new ScannedString(entry, value);
                try
                {
                    return MatchTree(comparison.Value, ref leaf);
                }
                finally
                {
                    leaf.Dispose();
                }
            }

            private Truth MatchTree(ValueNode node, ref ScannedString leaf)
            {
                switch (node)
                {
                    case ValueNode.Leaf { Literal: var literal }:
                        return Match(literal, ref leaf);
                    case ValueNode.And and:
                        return MatchJunction(and.Terms, Truth.False, ref leaf);
                    case ValueNode.Or or:
                        return MatchJunction(or.Terms, Truth.True, ref leaf);
                    case ValueNode.Not not:
                        return MatchTree(not.Term, ref leaf).Not();
                    default:
                        return Truth.Unknown;
                }
            }

            private Truth MatchJunction(IReadOnlyList<ValueNode> terms, Truth deciding, ref ScannedString leaf)
            {
                var answer = deciding.Not();
                for (var i = 0; i < terms.Count; i++)
                {
                    var truth = MatchTree(terms[i], ref leaf);
                    if (truth == deciding)
                    {
                        return deciding;
                    }

                    answer = truth == Truth.Unknown ? Truth.Unknown : answer;
                }

                return answer;
            }

            /// <summary><see cref="ValueMatcher.Match"/>'s steps for a string, Boolean or null.</summary>
            private Truth Match(QueryLiteral literal, ref ScannedString leaf)
            {
                var op = comparison.Operator;
                if (literal.Kind == LiteralKind.Null)
                {
                    return Truths.Of(leaf.Kind == ScannedKind.Null == (op == ComparisonOperator.Equal));
                }

                if (leaf.Kind == ScannedKind.Null)
                {
                    return Truth.False;
                }

                if (literal.Regex is not null)
                {
                    return Truth.Unknown;
                }

                if (leaf.Kind != ScannedKind.String)
                {
                    return Truths.Of(ValueMatcher.MatchBool(leaf.Kind == ScannedKind.True, op, literal));
                }

                return Truths.Of(ValueMatcher.MatchAscii(leaf.RawAscii, op, literal) ?? ValueMatcher.MatchText(leaf.Text, op, literal));
            }
        }
    }

    /// <summary>A scanned value's raw UTF-8 and, decoded on first use into a pooled buffer, its text.</summary>
    private struct ScannedString(ParsedLogEntry entry, ScannedValue value) : IDisposable
    {
        private char[]? text;
        private int length;

        public readonly ScannedKind Kind => value.Kind;

        /// <summary>As <see cref="LeafText.RawAscii"/>: the bytes when they have no escape and are all ASCII, else empty.</summary>
        public readonly ReadOnlySpan<byte> RawAscii
        {
            get
            {
                var raw = entry.RawOf(value);
                return value.Escaped || !Ascii.IsValid(raw) ? default : raw;
            }
        }

        public ReadOnlySpan<char> Text
        {
            get
            {
                if (text is null)
                {
                    text = ArrayPool<char>.Shared.Rent(Math.Max(value.Length, 1));
                    length = entry.CopyText(value, text);
                }

                return text.AsSpan(0, length);
            }
        }

        public void Dispose()
        {
            if (text is not null)
            {
                ArrayPool<char>.Shared.Return(text);
                text = null;
            }
        }
    }
}
