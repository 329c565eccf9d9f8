using GkeEventNotifier.Model;

namespace GkeEventNotifier.Tests.Oom;

/// <summary>Reads a finding as a user reads the alert: by field label and by note text.</summary>
internal static class FindingAssert
{
    public static string Field(this Finding finding, string label) =>
        finding.Fields.FirstOrDefault(f => f.Label == label)?.Value
        ?? throw new Xunit.Sdk.XunitException($"No field '{label}' in finding '{finding.Heading}': {string.Join(", ", finding.Fields.Select(f => $"{f.Label}={f.Value}"))}");

    public static string AllNotes(this Finding finding) => string.Join("\n", finding.Notes);
}
