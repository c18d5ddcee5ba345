package dev.pullplan.provider.registry;

/** What {@code HEAD /v2/<repo>/manifests/<ref>} answered: the image exists and this credential may read it. */
public record ManifestHead(String server, ImageName image, String digest, String mediaType) {
}
