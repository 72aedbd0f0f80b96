package io.chatscalable.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports chosen at runtime for test servers, so parallel builds and stale servers never
 * collide.
 */
public final class FreePorts {

	private FreePorts() {
	}

	/** A port on 127.0.0.1 that was free a moment ago. */
	public static int next() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on 127.0.0.1", ex);
		}
	}

	/** Whether something listens on {@code port} of 127.0.0.1. */
	public static boolean isListening(int port) {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
