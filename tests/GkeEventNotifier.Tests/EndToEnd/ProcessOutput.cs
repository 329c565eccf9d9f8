using System.Diagnostics;
using System.Text;

namespace GkeEventNotifier.Tests.EndToEnd;

/// <summary>Everything a child process wrote (stdout and stderr), for the message when it fails to start; and its temp directory's clean-up.</summary>
internal sealed class ProcessOutput
{
    private readonly StringBuilder text = new();

    public static ProcessOutput Capture(Process process)
    {
        var output = new ProcessOutput();
        process.OutputDataReceived += (_, e) => output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => output.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    public override string ToString()
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    /// <summary>gcloud may still be writing its logs into its configuration directory; one left behind in temp is harmless.</summary>
    public static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }
}
