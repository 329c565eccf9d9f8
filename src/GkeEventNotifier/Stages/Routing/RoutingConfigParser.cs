using System.Text.RegularExpressions;
using GkeEventNotifier.Model.Slack;
using GkeEventNotifier.Stages.Filtering;
using GkeEventNotifier.Stages.Filtering.Query;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GkeEventNotifier.Stages.Routing;

/// <summary>
/// Reads a routing file: YAML to a checked <see cref="RoutingConfig"/>. Every mistake (YAML syntax, an unknown key, a
/// missing receiver, a query the filter language rejects) is an <see cref="InvalidRoutingConfigException"/> with the
/// line and column in the file, so a bad file stops the start with a message that points at the fix.
/// </summary>
internal sealed partial class RoutingConfigParser(string file, string text, Func<string, string?> environment, bool botToken)
{
    private static readonly string[] RootKeys = ["receivers", "drop", "routes", "default_receiver"];
    private static readonly string[] ReceiverKeys = ["name", "slack_channel", "webhook_url_env", "mention_group", "mention_user"];
    private static readonly string[] DropKeys = ["name", "query"];
    private static readonly string[] RouteKeys = ["name", "query", "receiver", "continue"];
    private readonly string[] lines = text.Split('\n');

    public RoutingConfig Parse()
    {
        var root = LoadRoot();
        CheckKeys(root, RootKeys);
        var receivers = Sequence(root, "receivers").Select(Receiver).ToList();
        CheckUnique(root, "receivers", receivers.Select(r => r.Name).ToList());
        var names = receivers.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var drops = Sequence(root, "drop").Select(node => Rule(Mapping(node), DropKeys)).ToList();
        var routes = Sequence(root, "routes").Select(node => Route(Mapping(node), names)).ToList();
        var fallback = Optional(root, "default_receiver") is { } d ? ReceiverName(d, names) : null;
        return new RoutingConfig(receivers, drops, routes, fallback);
    }

    private YamlMappingNode LoadRoot()
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Error(e.Start, Reason(e));
        }

        return stream.Documents.Count == 0
            ? throw new InvalidRoutingConfigException(file, 1, 1, "the file is empty; remove NOTIFIER_CONFIG_FILE to send everything to SLACK_CHANNEL")
            : Mapping(stream.Documents[0].RootNode);
    }

    private ReceiverSpec Receiver(YamlNode node)
    {
        var map = Mapping(node);
        CheckKeys(map, ReceiverKeys);
        var name = Required(map, "name").Value!;
        var channel = Optional(map, "slack_channel");
        var webhookVariable = Optional(map, "webhook_url_env");
        if ((channel is null) == (webhookVariable is null))
        {
            throw Error(map.Start, $"receiver '{name}' needs exactly one of slack_channel or webhook_url_env");
        }

        if (channel is not null && !botToken)
        {
            throw Error(channel.Start, $"receiver '{name}' posts to a channel, which needs {SlackOptions.BotTokenVariable}");
        }

        return new ReceiverSpec(name, channel?.Value, webhookVariable is null ? null : WebhookUrl(webhookVariable), Mention(map));
    }

    private string WebhookUrl(YamlScalarNode variable)
    {
        var url = environment(variable.Value!);
        return url is not null && SlackOptionsValidator.IsSecureUrl(url)
            ? url
            : throw Error(variable.Start, $"environment variable {variable.Value} must hold the webhook's https:// URL; it is {(url is null ? "not set" : "not such a URL")}");
    }

    private string? Mention(YamlMappingNode map)
    {
        if (Optional(map, "mention_group") is { } group)
        {
            return GroupId().IsMatch(group.Value!) ? $"<!subteam^{group.Value}>" : throw Error(group.Start, "mention_group must be a user group ID such as S0123ABCD (not its @handle)");
        }

        if (Optional(map, "mention_user") is { } user)
        {
            return UserId().IsMatch(user.Value!) ? $"<@{user.Value}>" : throw Error(user.Start, "mention_user must be a member ID such as U0123ABCD (not a display name)");
        }

        return null;
    }

    private RouteSpec Route(YamlMappingNode map, HashSet<string> receivers)
    {
        var rule = Rule(map, RouteKeys);
        var receiver = ReceiverName(Required(map, "receiver"), receivers);
        var fanOut = Optional(map, "continue") is { } c
            && (bool.TryParse(c.Value, out var value) ? value : throw Error(c.Start, "continue must be true (fan-out) or false (first match)"));
        return new RouteSpec(rule, receiver, fanOut);
    }

    private RoutingRule Rule(YamlMappingNode map, string[] keys)
    {
        CheckKeys(map, keys);
        var name = Required(map, "name").Value!;
        var query = Required(map, "query");
        try
        {
            return new RoutingRule(name, new QueryEventFilter(LoggingQuery.Parse(query.Value!), $"rule '{name}'"));
        }
        catch (QuerySyntaxException e)
        {
            var (line, column) = Locate(query, e.Position);
            throw new InvalidRoutingConfigException(file, line, column, $"query of '{name}' is not a valid Cloud Logging query: {e.Problem}");
        }
    }

    /// <summary>Where a position inside a query scalar is in the file: plain and quoted scalars start at the node, block scalars on the next line.</summary>
    private (int Line, int Column) Locate(YamlScalarNode query, SourcePosition position)
    {
        var start = query.Start;
        if (query.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            var line = (int)start.Line + position.Line;
            var indent = line - 1 < lines.Length ? lines[line - 1].Length - lines[line - 1].TrimStart(' ').Length : 0;
            return (line, indent + position.Column);
        }

        var quote = query.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
        return position.Line == 1
            ? ((int)start.Line, (int)start.Column + quote + position.Column - 1)
            : ((int)start.Line + position.Line - 1, position.Column);
    }

    private string ReceiverName(YamlScalarNode node, HashSet<string> receivers) =>
        receivers.Contains(node.Value!) ? node.Value! : throw Error(node.Start, $"no receiver is named '{node.Value}'");

    private YamlMappingNode Mapping(YamlNode node) =>
        node as YamlMappingNode ?? throw Error(node.Start, "expected a mapping (key: value lines)");

    private List<YamlNode> Sequence(YamlMappingNode map, string key) =>
        !map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? []
        : node is YamlSequenceNode sequence ? sequence.Children.ToList()
        : throw Error(node.Start, $"{key} must be a list (lines starting with '- ')");

    private YamlScalarNode? Optional(YamlMappingNode map, string key) =>
        !map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? null
        : node is YamlScalarNode { Value.Length: > 0 } scalar ? scalar
        : throw Error(node.Start, $"{key} must be a non-empty text value");

    private YamlScalarNode Required(YamlMappingNode map, string key) =>
        Optional(map, key) ?? throw Error(map.Start, $"'{key}' is required here");

    private void CheckKeys(YamlMappingNode map, string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Error(key.Start, $"unknown key '{(key as YamlScalarNode)?.Value}'; expected one of: {string.Join(", ", allowed)}");
            }
        }
    }

    private void CheckUnique(YamlMappingNode root, string key, List<string> names)
    {
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw Error(root.Children[new YamlScalarNode(key)].Start, $"two {key} are named '{duplicate.Key}'");
        }
    }

    private InvalidRoutingConfigException Error(Mark mark, string reason) => new(file, (int)mark.Line, (int)mark.Column, reason);

    /// <summary>YamlDotNet prefixes its messages with the positions, which the exception already carries.</summary>
    private static string Reason(YamlException e)
    {
        var message = e.Message;
        var separator = message.IndexOf("): ", StringComparison.Ordinal);
        return separator >= 0 ? message[(separator + 3)..] : message;
    }

    [GeneratedRegex("^S[A-Z0-9]{2,}$")]
    private static partial Regex GroupId();

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex UserId();
}
