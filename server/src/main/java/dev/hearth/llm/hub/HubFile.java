package dev.hearth.llm.hub;

/**
 * One file of a hub repository, as the model-info API lists it with {@code blobs=true}.
 *
 * @param path the repository path ({@code rfilename}), relative, with {@code /} separators
 * @param sizeBytes the file's size in bytes (the LFS object's size for LFS files)
 * @param sha256 hex SHA-256 of the content for LFS files; null for small files kept in git
 * @param blobId the git blob id (hex SHA-1 of {@code "blob <size>\0" + content}) for files kept in git, or null
 */
public record HubFile(String path, long sizeBytes, String sha256, String blobId) {}
