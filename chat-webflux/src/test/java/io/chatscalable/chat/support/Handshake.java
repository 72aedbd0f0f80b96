package io.chatscalable.chat.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One raw WebSocket handshake, to read how the server answers it: the status line and
 * headers (101 when upgraded, the refusal otherwise). The connection is closed right
 * after the answer's head, so an upgraded socket ends at once.
 */
public final class Handshake {

	private Handshake() {
	}

	/**
	 * The answer's head (status line and headers) to {@code GET target} on the node with
	 * these extra request headers.
	 */
	public static String answer(int port, String target, Map<String, String> headers) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(20_000);
			StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			request.append("\r\n");
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			return readHead(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The status code of the answer to {@code GET target}. */
	public static int status(int port, String target, Map<String, String> headers) {
		String head = answer(port, target, headers);
		if (!head.startsWith("HTTP/1.1 ")) {
			throw new AssertionError("Not an HTTP answer: " + head);
		}
		return Integer.parseInt(head.substring(9, 12));
	}

	/**
	 * The status code of a handshake with the login token in the Authorization header.
	 */
	public static int withToken(int port, String token) {
		return status(port, "/ws", Map.of("Authorization", "Bearer " + token));
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

}
