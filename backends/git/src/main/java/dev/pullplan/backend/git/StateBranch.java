package dev.pullplan.backend.git;

import dev.pullplan.PullplanException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One branch of a remote repository, worked on without a work tree: fetch its head, read a file
 * at a commit, commit changed files on top of a commit and push them only if the branch is still
 * there. Objects are kept in a bare cache repository so a fetch only brings what is new.
 */
final class StateBranch implements AutoCloseable {
  private final GitRemote remote;
  private final String ref;
  private final String branch;
  private final Path cacheDir;
  private Repository cache;

  StateBranch(GitRemote remote, String branch, Path cacheRoot) {
    this.remote = remote;
    this.branch = branch;
    this.ref = Constants.R_HEADS + branch;
    this.cacheDir = cacheRoot.resolve(digest(remote.describe()) + ".git");
  }

  String describe() {
    return remote.describe() + " branch " + branch;
  }

  /** The branch head on the remote now, its objects fetched into the cache. */
  Tip fetch() {
    try (Transport transport = open(); FetchConnection connection = transport.openFetch()) {
      Ref head = connection.getRef(ref);
      if (head == null || head.getObjectId() == null) {
        return Tip.NO_BRANCH;
      }
      if (!repository().getObjectDatabase().has(head.getObjectId())) {
        connection.fetch(NullProgressMonitor.INSTANCE, List.of(head), Set.of());
      }
      return Tip.at(head.getObjectId());
    } catch (IOException e) {
      throw failure("fetch", e);
    }
  }

  /** The content of {@code path} in {@code tip}'s tree; empty when the branch or the file does not exist. */
  Optional<byte[]> file(Tip tip, String path) {
    if (tip.commit().isEmpty()) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repository())) {
      RevCommit commit = walk.parseCommit(tip.commit().get());
      try (TreeWalk tree = TreeWalk.forPath(repository(), path, commit.getTree())) {
        if (tree == null) {
          return Optional.empty();
        }
        return Optional.of(repository().open(tree.getObjectId(0)).getCachedBytes(Integer.MAX_VALUE));
      }
    } catch (IOException e) {
      throw failure("read " + path + " at " + tip.commit().get().abbreviate(10).name() + " from", e);
    }
  }

  /**
   * Commits {@code changes} (path → new content, or empty to delete) on top of {@code parent} and
   * pushes the commit, expecting the branch to be at {@code parent} still.
   */
  PushOutcome commit(Tip parent, Map<String, Optional<byte[]>> changes, String message, PersonIdent who) {
    try (ObjectInserter inserter = repository().newObjectInserter()) {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      if (parent.commit().isPresent()) {
        try (ObjectReader reader = repository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
          builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(parent.commit().get()).getTree());
        }
      }
      builder.finish();
      DirCacheEditor editor = index.editor();
      for (Map.Entry<String, Optional<byte[]>> change : changes.entrySet()) {
        if (change.getValue().isPresent()) {
          ObjectId blob = inserter.insert(Constants.OBJ_BLOB, change.getValue().get());
          editor.add(new DirCacheEditor.PathEdit(change.getKey()) {
            @Override
            public void apply(DirCacheEntry entry) {
              entry.setFileMode(FileMode.REGULAR_FILE);
              entry.setObjectId(blob);
            }
          });
        } else {
          editor.add(new DirCacheEditor.DeletePath(change.getKey()));
        }
      }
      editor.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      parent.commit().ifPresent(commit::setParentId);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return push(parent, id);
    } catch (IOException e) {
      throw failure("commit to", e);
    }
  }

  private PushOutcome push(Tip parent, ObjectId commit) throws IOException {
    RemoteRefUpdate update = new RemoteRefUpdate(repository(), null, commit, ref, false, null, parent.expected());
    try (Transport transport = open()) {
      PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
      RemoteRefUpdate answer = result.getRemoteUpdate(ref);
      Optional<String> message = Optional.ofNullable(answer.getMessage());
      switch (answer.getStatus()) {
        case OK:
        case UP_TO_DATE:
          return new PushOutcome.Pushed(commit);
        case REJECTED_NONFASTFORWARD:
        case REJECTED_REMOTE_CHANGED:
          return new PushOutcome.Moved(fetch());
        case REJECTED_OTHER_REASON:
          // the server could not lock the ref: another push to the branch was being applied
          if (message.filter(m -> m.toLowerCase(java.util.Locale.ROOT).contains("lock")).isPresent()) {
            return new PushOutcome.Moved(fetch());
          }
          // fall through
        default:
          throw new PullplanException("cannot push to " + describe() + ": the remote answered " + answer.getStatus()
              + message.map(m -> " (" + m + ")").orElse(""));
      }
    }
  }

  /** {@code 1a2b3c4d5e "pullplan: lock for apply" by ci@runner, 2024-05-01T10:00:00Z}. */
  String describeCommit(Tip tip) {
    if (tip.commit().isEmpty()) {
      return "(the branch was deleted)";
    }
    try (RevWalk walk = new RevWalk(repository())) {
      RevCommit c = walk.parseCommit(tip.commit().get());
      return c.abbreviate(10).name() + " \"" + c.getShortMessage() + "\" by " + c.getAuthorIdent().getName()
          + ", " + c.getAuthorIdent().getWhenAsInstant();
    } catch (IOException e) {
      return tip.commit().get().abbreviate(10).name();
    }
  }

  private Transport open() throws IOException {
    Transport transport = Transport.open(repository(), remote.uri());
    remote.credentials().ifPresent(transport::setCredentialsProvider);
    return transport;
  }

  private synchronized Repository repository() throws IOException {
    if (cache == null) {
      if (!Files.isDirectory(cacheDir)) {
        Files.createDirectories(cacheDir.getParent());
        try (Git created = Git.init().setBare(true).setGitDir(cacheDir.toFile()).call()) {
          // created; reopened below like an existing cache
        } catch (GitAPIException e) {
          throw new IOException("cannot create the cache repository " + cacheDir + ": " + e.getMessage(), e);
        }
      }
      cache = new FileRepositoryBuilder().setGitDir(cacheDir.toFile()).setMustExist(true).build();
    }
    return cache;
  }

  private PullplanException failure(String action, IOException e) {
    String reason = e instanceof TransportException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    // jgit quotes the URL it was given; a token in it must not reach the message
    String safe = reason == null ? "" : reason.replace(remote.uri().toString(), remote.describe());
    String message = "cannot " + action + " " + describe() + ": " + safe;
    return remote.uri().getPass() == null ? new PullplanException(message, e) : new PullplanException(message);
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  @Override
  public synchronized void close() {
    if (cache != null) {
      cache.close();
      cache = null;
    }
  }
}
