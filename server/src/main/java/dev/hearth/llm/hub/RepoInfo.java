package dev.hearth.llm.hub;

import java.util.List;

/** A repository at one revision: the commit it resolves to and its files. */
public record RepoInfo(String repo, String sha, List<HubFile> files) {
  public RepoInfo {
    files = List.copyOf(files);
  }
}
