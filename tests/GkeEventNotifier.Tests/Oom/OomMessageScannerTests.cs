using System.Text;
using GkeEventNotifier.Stages.Enrichment.Oom;

namespace GkeEventNotifier.Tests.Oom;

/// <summary>
/// The OOM message is event text of up to 256 KB: it is read by linear scans. These tests hold the scans to what the
/// regexes they replaced read from real kernel messages, and to an answer (not an exception) for forged ones; the
/// time a hostile message takes is measured by the benchmark (<c>--filter '*OomParse*'</c>), not asserted here.
/// </summary>
public sealed class OomMessageScannerTests
{
    private static readonly string[] Delimiters = [")", "(", ",", " ", ",pid=7", ") score", "),", "Killed process 9 (x)", "Kill process 8 (y) score", "oom_reaper: reaped process 6 (z),"];

    private static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "Oom", "Fixtures");

    public static TheoryData<string> Fixtures => [.. FixtureNames()];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryFixture_ReadsAsTheReplacedRegexesReadIt(string fixture)
    {
        var message = File.ReadAllText(Path.Combine(FixtureDirectory, fixture));

        Assert.Equal(RegexOomParser.Parse(message), OomMessageParser.Parse(message));
    }

    [Fact]
    public void TenThousandMutationsOfRealMessages_ReadAsTheReplacedRegexesReadThem()
    {
        var random = new Random(20261129);
        var messages = FixtureNames().Select(f => File.ReadAllText(Path.Combine(FixtureDirectory, f))).ToArray();
        for (var i = 0; i < 10_000; i++)
        {
            var mutated = Mutate(messages[random.Next(messages.Length)], random);

            Assert.True(RegexOomParser.Parse(mutated) == OomMessageParser.Parse(mutated), $"differs on: {mutated}");
        }
    }

    [Theory]
    [InlineData("Memory cgroup out of memory: Killed process 99999999999 (java) total-vm:1kB", "java")]
    [InlineData("Memory cgroup out of memory: Killed process 4294967296 (java) total-vm:1kB", "java")]
    [InlineData("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,task_memcg=/kubepods/x,task=java,pid=21474836470,uid=0", "java")]
    public void PidBeyondInt32_IsLeftOutAndTheProcessNameStays(string message, string comm)
    {
        var kill = OomMessageParser.Parse(message);

        Assert.Equal((null, comm), (kill.Pid, kill.ProcessName));
        Assert.Equal(comm, kill.ProcessText);
    }

    [Theory]
    [InlineData("Memory cgroup out of memory: Killed process ١٢٣ (java) total-vm:1kB")]
    [InlineData("Memory cgroup out of memory: Killed process １２３ (java) total-vm:1kB")]
    [InlineData("Kill process ४२ (java) score 900 or sacrifice child")]
    public void PidInNonAsciiDigits_IsNotAPid(string message) =>
        Assert.Null(OomMessageParser.Parse(message).Pid);

    [Theory]
    [InlineData("Killed process 1 (", 245 * 1024)]
    [InlineData("Kill process 1 (", 245 * 1024)]
    [InlineData("oom-kill:constraint=A,nodemask=", 245 * 1024)]
    [InlineData("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=a,mems_allowed=0,task_memcg=/x,task=", 245 * 1024)]
    [InlineData("Task in /a", 245 * 1024)]
    [InlineData("Out of memory (", 245 * 1024)]
    public void HostileRepetitionOfAKillLinePrefix_GivesNoProcessInsteadOfAnException(string prefix, int size)
    {
        var kill = OomMessageParser.Parse(Repeat(prefix, size));

        Assert.Null(kill.Pid);
    }

    [Fact]
    public void RealKillLineAfterAHostilePrefix_IsStillFound()
    {
        var message = Repeat("Killed process 1 (", 64 * 1024) + "\nMemory cgroup out of memory: Killed process 4249 (python) total-vm:1kB";

        Assert.Equal("python (pid 4249)", OomMessageParser.Parse(message).ProcessText);
    }

    /// <summary>A kernel message edited as a forger or a truncating exporter would: a cut, a doubled piece, a stray delimiter.</summary>
    private static string Mutate(string message, Random random)
    {
        var at = random.Next(message.Length);
        var length = Math.Min(random.Next(1, 40), message.Length - at);
        return random.Next(5) switch
        {
            0 => message.Remove(at, length),
            1 => message.Insert(at, message.Substring(at, length)),
            2 => message.Insert(at, Delimiters[random.Next(Delimiters.Length)]),
            3 => message[..at],
            _ => message.Insert(at, ((char)random.Next(0x20, 0x7F)).ToString()),
        };
    }

    private static IEnumerable<string> FixtureNames() =>
        Directory.GetFiles(FixtureDirectory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    private static string Repeat(string prefix, int size)
    {
        var builder = new StringBuilder(size + prefix.Length);
        while (builder.Length < size)
        {
            builder.Append(prefix);
        }

        return builder.ToString();
    }
}
