package io.chatscalable.infra.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks server binaries shipped in jars into a cache folder once per machine. Unpacking
 * goes to a temporary folder that is renamed into place, so concurrent JVMs never see
 * half a tree. Everything is world-readable so that the {@code nobody} account can run it
 * when we are root.
 */
final class BinaryCache {

	private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "chat-scalable-binaries");

	private BinaryCache() {
	}

	/**
	 * The folder holding the unpacked {@code .txz} resource, unpacking it on first use.
	 * @param resource the classpath resource
	 * @param key a folder name that changes with the resource's version
	 */
	static Path unpackedArchive(String resource, String key) {
		Path target = ROOT.resolve(key);
		if (Files.isDirectory(target)) {
			return target;
		}
		Path staging = stagingFolder(key);
		try (InputStream raw = open(resource);
				TarArchiveInputStream tar = new TarArchiveInputStream(
						new XZCompressorInputStream(new BufferedInputStream(raw)))) {
			for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
				unpack(tar, entry, staging);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not unpack " + resource, ex);
		}
		return publish(staging, target);
	}

	/**
	 * The path of an executable copied from a classpath resource, copying it on first
	 * use.
	 * @param resource the classpath resource
	 * @param key a folder name that changes with the resource's version
	 */
	static Path executable(String resource, String key) {
		Path target = ROOT.resolve(key);
		String fileName = Path.of(resource).getFileName().toString();
		if (!Files.isDirectory(target)) {
			Path staging = stagingFolder(key);
			try (InputStream in = open(resource)) {
				Path file = staging.resolve(fileName);
				Files.copy(in, file);
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not copy " + resource, ex);
			}
			publish(staging, target);
		}
		return target.resolve(fileName);
	}

	private static InputStream open(String resource) throws IOException {
		InputStream in = BinaryCache.class.getClassLoader().getResourceAsStream(resource);
		if (in == null) {
			throw new IOException(
					"No " + resource + " on the classpath; is this platform (" + Platform.describe() + ") supported?");
		}
		return in;
	}

	private static Path stagingFolder(String key) {
		try {
			Files.createDirectories(ROOT);
			ROOT.toFile().setReadable(true, false);
			ROOT.toFile().setExecutable(true, false);
			Path staging = ROOT.resolve(key + ".staging-" + UUID.randomUUID());
			Files.createDirectory(staging);
			Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
			return staging;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a folder under " + ROOT, ex);
		}
	}

	private static void unpack(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
		Path path = root.resolve(entry.getName()).normalize();
		if (!path.startsWith(root)) {
			throw new IOException("Archive entry escapes its folder: " + entry.getName());
		}
		if (entry.isDirectory()) {
			Files.createDirectories(path);
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
			return;
		}
		Files.createDirectories(path.getParent());
		if (entry.isSymbolicLink()) {
			Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
		}
		else if (entry.isLink()) {
			Files.copy(root.resolve(entry.getLinkName()), path, StandardCopyOption.REPLACE_EXISTING);
		}
		else {
			Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
			boolean executable = (entry.getMode() & 0111) != 0;
			Files.setPosixFilePermissions(path,
					PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
		}
	}

	private static Path publish(Path staging, Path target) {
		try {
			Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException | DirectoryNotEmptyException ex) {
			// Another JVM published the same binaries first; theirs are identical.
			deleteTree(staging);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new IllegalStateException("The binary cache " + ROOT + " needs a file system with atomic renames",
					ex);
		}
		catch (IOException ex) {
			deleteTree(staging);
			if (!Files.isDirectory(target)) {
				throw new UncheckedIOException("Could not publish " + target, ex);
			}
		}
		return target;
	}

	private static void deleteTree(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// Best effort: a leftover staging folder in the temp directory is harmless.
		}
	}

}
