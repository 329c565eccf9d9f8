using System.Globalization;
using System.Text;

namespace GkeEventNotifier.Stages.Filtering.Query;

/// <summary>Writing strings back as query text: the inverse of the lexer's string rules.</summary>
internal static class QueryText
{
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\t' => quoted.Append("\\t"),
                '\r' => quoted.Append("\\r"),
                < ' ' => quoted.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
