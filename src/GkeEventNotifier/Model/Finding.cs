namespace GkeEventNotifier.Model;

/// <summary>
/// What an enricher learned about an event, in a form the renderer can show without knowing the enricher:
/// a heading, labelled fields and free notes. All text is raw; the renderer escapes it.
/// </summary>
public sealed record Finding(string Heading, IReadOnlyList<FindingField> Fields, IReadOnlyList<string> Notes);

/// <summary>One labelled value of a <see cref="Finding"/>.</summary>
public sealed record FindingField(string Label, string Value);
