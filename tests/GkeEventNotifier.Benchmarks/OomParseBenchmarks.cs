using System.Text;
using BenchmarkDotNet.Attributes;
using GkeEventNotifier.Stages.Enrichment.Oom;

namespace GkeEventNotifier.Benchmarks;

/// <summary>
/// <see cref="OomMessageParser"/> on hostile messages of Cloud Logging's maximum entry size (245 KB of message) and
/// beyond (600 KB): the prefixes of each kernel line repeated so that a backtracking regex retries from every one of
/// them (the regexes this parser replaced took 7.35 s and ~44 s on the "Killed process" shape, 2.8 s on 200 KB of the
/// oom-kill shape). Goal: under 50 ms for 245 KB. A real message is measured next to them for scale.
/// Run: <c>dotnet run -c Release --project tests/GkeEventNotifier.Benchmarks -- --filter '*OomParse*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class OomParseBenchmarks
{
    private string message = "";

    [Params("Killed process", "Kill process", "oom-kill", "real message")]
    public string Shape { get; set; } = "";

    [Params(245 * 1024, 600 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => message = Shape switch
    {
        "Killed process" => Repeat("Killed process 1 (", Size),
        "Kill process" => Repeat("Kill process 1 (", Size),
        "oom-kill" => Repeat("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=a,mems_allowed=0,task_memcg=/x,task=", Size),
        _ => "Memory cgroup out of memory: Killed process 4249 (python) total-vm:912344kB, anon-rss:523904kB, file-rss:10240kB, shmem-rss:0kB, UID:1000 pgtables:1012kB oom_score_adj:985",
    };

    [Benchmark]
    public OomKill Parse() => OomMessageParser.Parse(message);

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
