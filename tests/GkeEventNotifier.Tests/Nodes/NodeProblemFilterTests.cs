using System.Text.Json;
using GkeEventNotifier.Composition;
using GkeEventNotifier.Stages.Filtering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GkeEventNotifier.Tests.Nodes;

/// <summary>
/// Every reason of node-problem-detector's rule files (kernel-monitor, docker-monitor, systemd-monitor, the log counters,
/// health checkers, a custom plugin) and of the node controllers through the built-in default filter: kept or dropped
/// as the README's catalogue says.
/// </summary>
public sealed class NodeProblemFilterTests
{
    private readonly IEventFilter filter = new ServiceCollection()
        .AddLogging()
        .AddGkeEventNotifier(new ConfigurationBuilder().Build())
        .BuildServiceProvider()
        .GetRequiredService<IEventFilter>();

    public static TheoryData<string, string, string, bool> Catalogue => new()
    {
        // kernel-monitor, temporary rules
        { "KernelOops", "BUG: unable to handle kernel NULL pointer dereference at 0000000000000010", "Warning", true },
        { "KernelOops", "divide error: 0000 [#1] SMP", "Warning", true },
        { "TaskHung", "task java:9021 blocked for more than 240 seconds.", "Warning", true },
        { "UnregisterNetDevice", "unregister_netdevice: waiting for eth0 to become free. Usage count = 2", "Warning", true },
        { "Ext4Error", "EXT4-fs error (device sdb): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0", "Warning", true },
        { "IOError", "Buffer I/O error on dev sdb, logical block 0, async page read", "Warning", true },
        { "MemoryReadError", "CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0", "Warning", true },
        { "Ext4Warning", "EXT4-fs warning (device sda1): ext4_dx_add_entry:2461: Directory index full", "Warning", false },

        // docker-monitor
        { "CorruptDockerImage", "Error trying v2 registry: failed to register layer: rename /var/lib/docker/image/overlay2/layerdb/tmp/a /var/lib/docker/image/overlay2/layerdb/sha256/b: directory not empty", "Warning", true },

        // systemd-monitor start-up notices
        { "KubeletStart", "Started Kubernetes kubelet.", "Warning", false },
        { "ContainerdStart", "Starting containerd container runtime...", "Warning", false },
        { "DockerStart", "Starting Docker Application Container Engine...", "Warning", false },

        // condition changes of permanent rules, log counters, health checkers and custom plugins: True opens, False resolves
        { "DockerHung", "Node condition KernelDeadlock is now: True, reason: DockerHung, message: \"task docker:7 blocked for more than 120 seconds.\"", "Warning", true },
        { "KernelHasNoDeadlock", "Node condition KernelDeadlock is now: False, reason: KernelHasNoDeadlock, message: \"kernel has no deadlock\"", "Normal", true },
        { "FilesystemIsReadOnly", "Node condition ReadonlyFilesystem is now: True, reason: FilesystemIsReadOnly, message: \"Remounting filesystem read-only\"", "Warning", true },
        { "XfsHasShutdown", "Node condition XfsShutdown is now: True, reason: XfsHasShutdown, message: \"XFS (sdc): Shutting down filesystem\"", "Warning", true },
        { "CorruptDockerOverlay2", "Node condition CorruptDockerOverlay2 is now: True, reason: CorruptDockerOverlay2", "Warning", true },
        { "FrequentKubeletRestart", "Node condition FrequentKubeletRestart is now: True, reason: FrequentKubeletRestart, message: \"Found 5 matching logs, which meets the threshold of 5\"", "Warning", true },
        { "FrequentContainerdRestart", "Node condition FrequentContainerdRestart is now: True, reason: FrequentContainerdRestart, msg: Found 6 matching logs", "Warning", true },
        { "UnregisterNetDevice", "Node condition FrequentUnregisterNetDevice is now: True, reason: UnregisterNetDevice", "Warning", true },
        { "KubeletUnhealthy", "Node condition KubeletUnhealthy is now: True, reason: KubeletUnhealthy, message: \"kubelet:Unhealthy\"", "Warning", true },
        { "KubeletIsHealthy", "Node condition KubeletUnhealthy is now: False, reason: KubeletIsHealthy, message: \"kubelet on the node is functioning properly\"", "Normal", true },
        { "ContainerdUnhealthy", "Node condition ContainerRuntimeUnhealthy is now: True, reason: ContainerdUnhealthy, message: \"cri:Unhealthy\"", "Warning", true },
        { "NTPIsDown", "Node condition NTPProblem is now: True, reason: NTPIsDown, message: \"NTP service is not running\"", "Warning", true },

        // the node's readiness and removal (node lifecycle controller, kubelet, node controller)
        { "NodeNotReady", "Node gke-shop-eu1-default-pool-7f3a9c21-x2kq status is now: NodeNotReady", "Normal", true },
        { "NodeReady", "Node gke-shop-eu1-default-pool-7f3a9c21-x2kq status is now: NodeReady", "Normal", true },
        { "RemovingNode", "Node gke-shop-eu1-default-pool-7f3a9c21-x2kq event: Removing Node gke-shop-eu1-default-pool-7f3a9c21-x2kq from Controller", "Normal", true },
        { "DeletingNode", "Deleting node gke-shop-eu1-default-pool-7f3a9c21-x2kq because it does not exist in the cloud provider", "Normal", true },

        // the kubelet's routine node events
        { "Starting", "Starting kubelet.", "Normal", false },
        { "RegisteredNode", "Node gke-shop-eu1-default-pool-7f3a9c21-x2kq event: Registered Node gke-shop-eu1-default-pool-7f3a9c21-x2kq in Controller", "Normal", false },
        { "NodeHasSufficientMemory", "Node gke-shop-eu1-default-pool-7f3a9c21-x2kq status is now: NodeHasSufficientMemory", "Normal", false },
        { "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods", "Normal", false },
    };

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void DefaultFilter_KeepsOrDropsEachNodeReason_AsTheCatalogueSays(string reason, string message, string type, bool kept) =>
        Assert.Equal(kept, filter.Matches(Parse(TestEntries.NodeEvent(reason, message, type).ToJsonString())));

    [Fact]
    public void NodeNotReadyOnAPod_IsDropped_TheNodesOwnEventStandsForAllItsPods() =>
        Assert.False(filter.Matches(Parse(Samples.Entry("drop-pod-nodenotready"))));

    [Fact]
    public void AConditionChangeToUnknown_IsDropped() =>
        Assert.False(filter.Matches(Parse(TestEntries.NodeEvent("NodeStatusUnknown", "Node condition KernelDeadlock is now: Unknown, reason: NodeStatusUnknown").ToJsonString())));

    [Fact]
    public void APassingProblemReasonOnAPod_IsDropped() =>
        Assert.False(filter.Matches(Parse(TestEntries.NodeEvent("KernelOops", "BUG: unable to handle kernel NULL pointer dereference at 0", kind: "Pod").ToJsonString())));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
