package io.chatscalable.chat.session;

import java.util.function.IntConsumer;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * A frame's shared bytes as a Netty buffer that tells its socket when Netty let go of it:
 * once the WebSocket encoder copied it into the frame it writes (small frames) or the
 * channel wrote it (large ones), or when the write was dropped with the connection. The
 * socket's byte bound ({@code chat.websocket.outbound-queue-bytes}) counts a frame until
 * then. The array is never written to (a server frame is not masked), so every recipient
 * of a broadcast wraps the same one.
 */
final class AccountedFrameBuffer extends UnpooledHeapByteBuf {

	private final IntConsumer onRelease;

	private final int length;

	AccountedFrameBuffer(byte[] bytes, IntConsumer onRelease) {
		super(UnpooledByteBufAllocator.DEFAULT, bytes, bytes.length);
		this.onRelease = onRelease;
		this.length = bytes.length;
	}

	@Override
	protected void deallocate() {
		super.deallocate();
		this.onRelease.accept(this.length);
	}

}
