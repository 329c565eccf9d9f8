using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace GkeEventNotifier.Cli;

/// <summary>
/// What <c>--help</c> adds below the generated help of each command: the environment variables it reads and its exit
/// codes, so a user need not open the README to script it.
/// </summary>
internal sealed class HelpNotes
{
    private readonly Dictionary<Command, string> notes = [];

    public Command Add(Command command, IReadOnlyList<string> variables, IReadOnlyList<string> exitCodes)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("Environment variables:");
        foreach (var variable in variables)
        {
            text.Append("  ").AppendLine(variable);
        }

        text.AppendLine().AppendLine("Exit codes:");
        foreach (var code in exitCodes)
        {
            text.Append("  ").AppendLine(code);
        }

        notes[command] = text.ToString();
        return command;
    }

    /// <summary>Makes the root's (recursive) help option print the generated help, then the command's notes.</summary>
    public void AttachTo(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithNotes((HelpAction)help.Action!, notes);
    }

    private sealed class HelpWithNotes(HelpAction generated, Dictionary<Command, string> notes) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            generated.Invoke(parseResult);
            if (notes.TryGetValue(parseResult.CommandResult.Command, out var text))
            {
                parseResult.InvocationConfiguration.Output.WriteLine(text);
            }

            return ExitCodes.Success;
        }
    }
}
