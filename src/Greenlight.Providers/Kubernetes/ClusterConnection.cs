using k8s;

namespace Greenlight.Providers.Kubernetes;

/// <summary>How Greenlight reaches the cluster: the kubeconfig named by KUBECONFIG, else ~/.kube/config, with its current
/// context; inside a pod, the pod's service account. Exactly what kubectl would use.</summary>
public static class ClusterConnection
{
    public static IKubernetes FromEnvironment()
    {
        try
        {
            return new k8s.Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig());
        }
        catch (k8s.Exceptions.KubeConfigException e)
        {
            throw new ClusterException(
                $"no cluster to talk to: {e.Message}. Set KUBECONFIG or write ~/.kube/config (as kubectl uses), or run inside a pod with a service account");
        }
    }
}
