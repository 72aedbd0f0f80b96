package io.chatscalable.chat.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket client written by hand on a plain TCP socket, for clients no library
 * models: one that never reads, never answers pings. It reads only when a test asks.
 */
final class RawWebSocket implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RawWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	/** Connects and upgrades to /ws with the token; fails unless the answer is 101. */
	static RawWebSocket open(int port, String token) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(10_000);
		RawWebSocket client = new RawWebSocket(socket);
		String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n";
		client.out.write(request.getBytes(StandardCharsets.US_ASCII));
		client.out.flush();
		String head = client.readHead();
		if (!head.startsWith("HTTP/1.1 101")) {
			socket.close();
			throw new IOException("Upgrade refused: " + head);
		}
		return client;
	}

	/** Sends a masked text frame (clients must mask). */
	void sendText(String text) throws IOException {
		send(0x1, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Sends an unsolicited PONG control frame (allowed: a unidirectional heartbeat). */
	void sendPong() throws IOException {
		send(0xA, new byte[0]);
	}

	private void send(int opcode, byte[] payload) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x80 | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xff);
		}
		byte[] mask = { 1, 2, 3, 4 };
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	/** Reads frames until a text frame containing {@code marker}; the texts read. */
	List<String> readTextUntil(String marker) throws IOException {
		List<String> texts = new ArrayList<>();
		while (true) {
			Frame frame = readFrame();
			if (frame == null) {
				throw new IOException("Closed before '" + marker + "': " + texts);
			}
			if (frame.opcode() == 1) {
				String text = new String(frame.payload(), StandardCharsets.UTF_8);
				texts.add(text);
				if (text.contains(marker)) {
					return texts;
				}
			}
		}
	}

	/**
	 * Reads and discards everything until the server ends the TCP connection (EOF or
	 * reset); fails when it has not within {@code within}.
	 * @return the close code of a close frame read on the way, or -1
	 */
	int readUntilClosedByServer(Duration within) throws IOException {
		long deadline = System.nanoTime() + within.toNanos();
		int closeCode = -1;
		try {
			while (true) {
				this.socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
				Frame frame = readFrame();
				if (frame == null) {
					return closeCode;
				}
				if (frame.opcode() == 8 && frame.payload().length >= 2) {
					closeCode = ((frame.payload()[0] & 0xff) << 8) | (frame.payload()[1] & 0xff);
				}
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("The server did not close the connection within " + within, ex);
		}
		catch (SocketException ex) {
			// Reset by the server: closed too.
			return closeCode;
		}
	}

	/** The next frame, or null at EOF (a frame cut by EOF counts as EOF). */
	private Frame readFrame() throws IOException {
		int first = this.in.read();
		int second = (first < 0) ? -1 : this.in.read();
		if (second < 0) {
			return null;
		}
		long length = second & 0x7f;
		if (length == 126) {
			byte[] extended = this.in.readNBytes(2);
			length = ((extended[0] & 0xff) << 8) | (extended[1] & 0xff);
		}
		else if (length == 127) {
			byte[] extended = this.in.readNBytes(8);
			length = 0;
			for (byte b : extended) {
				length = (length << 8) | (b & 0xff);
			}
		}
		byte[] payload = this.in.readNBytes((int) length);
		if (payload.length < length) {
			return null;
		}
		return new Frame(first & 0x0f, payload);
	}

	private String readHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = this.in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private record Frame(int opcode, byte[] payload) {
	}

}
