namespace GkeEventNotifier.Adapters.Kubernetes;

/// <summary>Where a GKE control plane listens and the CA (PEM) its serving certificate chains to.</summary>
public sealed record GkeClusterInfo(string Endpoint, string CaCertificatePem);
