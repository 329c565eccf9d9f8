using GkeEventNotifier.Adapters.State;
using GkeEventNotifier.Model.State;
using GkeEventNotifier.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GkeEventNotifier.Tests.Threads;

/// <summary>The webhook groups contract with the instances sharing one memory store (ALERT_STATE=memory).</summary>
public sealed class WebhookGroupsInMemoryTests : WebhookGroupsAcrossInstancesContract
{
    private readonly MemoryAlertStateStore shared;

    public WebhookGroupsInMemoryTests() => shared = new MemoryAlertStateStore(Time, 10_000);

    private protected override PipelineHarness Instance(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure = null) =>
        PipelineHarness.Build(Time, FakeSlackServerSettings.Webhook(Slack).With(settings).Settings, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IAlertStateStore>(shared));
            configure?.Invoke(services);
        });
}
