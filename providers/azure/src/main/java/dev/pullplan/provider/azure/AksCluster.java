package dev.pullplan.provider.azure;

/**
 * An AKS cluster and the identity its nodes pull images with.
 *
 * @param pullerObjectId the kubelet identity's object id (managed identity clusters) or the
 *     cluster service principal's object id (legacy clusters): who gets AcrPull
 * @param pullerName how the plan names that identity
 */
record AksCluster(String id, String subscriptionId, String resourceGroup, String name, String pullerObjectId,
    String pullerName) {}
