using System.Globalization;
using System.Runtime.CompilerServices;
using GkeEventNotifier.Model;
using GkeEventNotifier.Model.Slack;

namespace GkeEventNotifier.Stages.Rendering;

/// <summary>
/// Alert → Slack message: fallback text for notifications, then Block Kit (header, facts, the event message verbatim,
/// findings, a context line and a button to the event in Cloud Logging) inside an attachment coloured by severity.
/// Every piece of event text is escaped here and only here, and every Block Kit limit is respected with a visible mark.
/// </summary>
public static class AlertRenderer
{
    private const int MaxFieldsPerSection = 10;
    private const int MaxFallbackMessage = 300;

    private static readonly TextObject OpenInLogging = TextObject.Plain("Open in Cloud Logging");

    public static SlackMessage Render(Alert alert)
    {
        var entry = alert.Entry;
        var severity = AlertSeverityRules.Of(entry.Event);
        var headline = Headline(alert);
        var blocks = new List<SlackBlock>(capacity: 8)
        {
            new HeaderBlock(TextObject.Plain(SlackText.EscapeAndLimit(headline, SlackText.MaxHeaderLength))),
            new SectionBlock { Fields = FactFields(entry) },
            MessageSection(entry.Event.Message),
        };
        AddFindings(blocks, alert.Findings, reserved: 2);
        blocks.Add(new ContextBlock([TextObject.Markdown(SlackText.Limit(ContextLine(entry), SlackText.MaxTextLength))]));
        if (LogsExplorerLink.For(entry) is { } link)
        {
            blocks.Add(new ActionsBlock([new ButtonElement(OpenInLogging, link, "open-cloud-logging")]));
        }

        var fallback = FallbackText(alert, headline, severity);
        return new SlackMessage
        {
            Text = fallback,
            Attachments = [new SlackAttachment(severity.Color(), fallback, blocks)],
        };
    }

    /// <summary>"OOMKilling: Node gke-pool-1 (seen 3 times)": reason and object, the words people scan for.</summary>
    public static string Headline(Alert alert)
    {
        var involved = alert.Entry.Event.InvolvedObject;
        var repeats = alert.Occurrences > 1 ? $" (seen {alert.Occurrences} times)" : "";
        return $"{alert.Entry.Event.Reason}: {involved.Kind} {involved.QualifiedName}{repeats}";
    }

    private static string FallbackText(Alert alert, string headline, AlertSeverity severity)
    {
        var message = SlackText.EscapeAndLimit(OneLine(alert.Entry.Event.Message), MaxFallbackMessage);
        var text = $"{severity.Emoji()} {SlackText.Escape(headline)} in {SlackText.Escape(alert.Entry.Cluster.ClusterName)}: {message}";
        return SlackText.Limit(text, SlackText.MaxFallbackLength);
    }

    /// <summary>Cluster, namespace (not for cluster-scoped objects), object, node or host, source, time.</summary>
    private static TextObject[] FactFields(EventLogEntry entry)
    {
        var e = entry.Event;
        var involved = e.InvolvedObject;
        var scoped = !IsClusterScoped(involved);
        var fields = new TextObject[scoped ? 6 : 5];
        var next = 0;
        fields[next++] = Field("Cluster", ClusterText(entry.Cluster));
        if (scoped)
        {
            fields[next++] = Field("Namespace", involved.Namespace ?? e.Namespace ?? "—");
        }

        fields[next++] = Field("Object", involved.ContainerName is { } container
            ? $"{involved.Kind}/{involved.Name} (container {container})"
            : $"{involved.Kind}/{involved.Name}");
        fields[next++] = Field(e.SourceHost is null ? "Node" : "Host", entry.NodeName ?? "—");
        fields[next++] = Field("Source", e.SourceComponent ?? "—");
        fields[next] = Field("Time", TimeText(e));
        return fields;
    }

    /// <summary>
    /// A Node (or another object without a namespace) has none to show: its events sit in "default", which says
    /// nothing about the node.
    /// </summary>
    private static bool IsClusterScoped(ObjectRef involved) =>
        string.IsNullOrEmpty(involved.Namespace) && involved.Kind is "Node" or "PersistentVolume" or "Namespace" or "StorageClass" or "ClusterRole" or "CustomResourceDefinition";

    private static TextObject Field(string label, string value) =>
        TextObject.Markdown(SlackText.Limit($"*{label}*\n{SlackText.Escape(value)}", SlackText.MaxFieldLength));

    private static SectionBlock MessageSection(string message)
    {
        var body = message.Length == 0 ? "(no message)" : message.Replace("```", "'''", StringComparison.Ordinal);
        var limited = SlackText.EscapeAndLimit(body, SlackText.MaxTextLength - 8);
        return new SectionBlock { Text = TextObject.Markdown($"```{limited}```") };
    }

    private static void AddFindings(List<SlackBlock> blocks, IReadOnlyList<Finding> findings, int reserved)
    {
        for (var i = 0; i < findings.Count; i++)
        {
            var findingBlocks = FindingBlocks(findings[i]);
            if (blocks.Count + findingBlocks.Count + reserved + 1 > SlackText.MaxBlocks)
            {
                var left = findings.Count - i;
                blocks.Add(new ContextBlock([TextObject.Markdown($"… {left} more finding(s) not shown (Slack allows {SlackText.MaxBlocks} blocks)")]));
                return;
            }

            blocks.AddRange(findingBlocks);
        }
    }

    private static List<SlackBlock> FindingBlocks(Finding finding)
    {
        var notes = string.Join("\n", finding.Notes.Select(SlackText.Escape));
        var heading = $"*{SlackText.Escape(finding.Heading)}*";
        var blocks = new List<SlackBlock>
        {
            new SectionBlock { Text = TextObject.Markdown(SlackText.Limit(notes.Length > 0 ? $"{heading}\n{notes}" : heading, SlackText.MaxTextLength)) },
        };
        foreach (var chunk in finding.Fields.Chunk(MaxFieldsPerSection))
        {
            blocks.Add(new SectionBlock { Fields = chunk.Select(f => Field(f.Label, f.Value)).ToList() });
        }

        return blocks;
    }

    /// <summary>"GKE event · project `p` · event uid `u` · insertId `i` · type Warning": the parts the entry has.</summary>
    private static string ContextLine(EventLogEntry entry)
    {
        var line = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        line.AppendLiteral("GKE event");
        AppendCode(ref line, " · project ", entry.Cluster.ProjectId);
        AppendCode(ref line, " · event uid ", entry.Event.Uid);
        AppendCode(ref line, " · insertId ", entry.InsertId);
        line.AppendLiteral(" · type ");
        line.AppendFormatted(SlackText.Escape(entry.Event.Type.Length > 0 ? entry.Event.Type : "unknown"));
        return line.ToStringAndClear();
    }

    /// <summary>The label and the value as <see cref="SlackText.Code"/> writes it; nothing when there is no value.</summary>
    private static void AppendCode(ref DefaultInterpolatedStringHandler line, string label, string? value)
    {
        if (value is { Length: > 0 })
        {
            line.AppendLiteral(label);
            line.AppendFormatted(SlackText.Code(value));
        }
    }

    private static string ClusterText(ClusterRef cluster) =>
        cluster.IsKnown ? $"{cluster.ClusterName} ({cluster.Location}, {cluster.ProjectId})" : "unknown (no cluster labels)";

    private static string TimeText(KubernetesEvent e)
    {
        var last = e.LastSeen.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return e.FirstSeen is { } first && first < e.LastSeen
            ? $"{last} (first seen {first.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC)"
            : last;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
