using GkeEventNotifier.Model;

namespace GkeEventNotifier.Tests.Jobs;

/// <summary>A Job's name is taken as a CronJob's run only when the CronJob controller could have made it.</summary>
public sealed class CronJobRunNameTests
{
    private static readonly DateTimeOffset EventTime = new(2026, 11, 20, 10, 5, 41, TimeSpan.Zero);

    [Theory]
    [InlineData("invoice-export-29376540", "invoice-export")]
    [InlineData("a-29400000", "a")]
    [InlineData("report-29919485", "report")]
    [InlineData("nightly-backup-v2-29401200", "nightly-backup-v2")]
    public void RunNamesTheControllerMakes_NameTheirCronJob(string job, string cronJob) =>
        Assert.Equal(cronJob, CronJobRunName.CronJobOf(job, EventTime));

    [Theory]
    [InlineData("invoice-export")]
    [InlineData("invoice-export-")]
    [InlineData("-29376540")]
    [InlineData("invoice-export-1234567")]
    [InlineData("invoice-export-02937654")]
    [InlineData("invoice-export-12345678")]
    [InlineData("invoice-export-1763640000")]
    [InlineData("invoice-export-29920926")]
    [InlineData("invoice-export-２９３７６５４０")]
    [InlineData("Invoice-Export-29376540")]
    [InlineData("invoice.export-29376540")]
    [InlineData("a-very-long-cronjob-name-that-kubernetes-would-refuse-x-29376540")]
    public void OtherNames_AreNoCronJobRun(string job) =>
        Assert.Null(CronJobRunName.CronJobOf(job, EventTime));
}
