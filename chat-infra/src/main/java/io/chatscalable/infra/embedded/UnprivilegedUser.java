package io.chatscalable.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * PostgreSQL refuses to run as root, and CI runs as root. When this JVM is root,
 * PostgreSQL's commands run as the {@code nobody} account through {@code setpriv}, and
 * the folders they write are handed to that account. As any other user, nothing changes.
 */
final class UnprivilegedUser {

	static final int NOBODY_ID = 65534;

	private UnprivilegedUser() {
	}

	/** Whether this JVM runs as root. */
	static boolean isRoot() {
		try {
			Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
			return Integer.valueOf(0).equals(uid);
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return "root".equals(System.getProperty("user.name"));
		}
	}

	/**
	 * The prefix that runs a command as {@code nobody} when we are root, or nothing
	 * otherwise.
	 */
	static List<String> commandPrefix() {
		if (!isRoot()) {
			return List.of();
		}
		return List.of("setpriv", "--reuid=" + NOBODY_ID, "--regid=" + NOBODY_ID, "--clear-groups", "--");
	}

	/**
	 * Hands {@code directory} and everything below it to the account the servers run as.
	 */
	static void own(Path directory) {
		if (!isRoot()) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Files.setAttribute(path, "unix:uid", NOBODY_ID, LinkOption.NOFOLLOW_LINKS);
				Files.setAttribute(path, "unix:gid", NOBODY_ID, LinkOption.NOFOLLOW_LINKS);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not hand " + directory + " to the nobody account", ex);
		}
	}

	/**
	 * Whether the account the servers run as can reach {@code path}: as root, every
	 * existing ancestor must be searchable by others (a checkout under /root is not).
	 */
	static boolean canReach(Path path) {
		if (!isRoot()) {
			return true;
		}
		for (Path current = path.toAbsolutePath().getParent(); current != null; current = current.getParent()) {
			if (!Files.exists(current)) {
				continue;
			}
			try {
				Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(current);
				if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
					return false;
				}
			}
			catch (IOException ex) {
				return false;
			}
		}
		return true;
	}

}
