package io.chatscalable.chat.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;

import org.springframework.stereotype.Component;

/**
 * {@code chat.eventloop.pending.tasks{loop}}: the tasks queued on each of the HTTP
 * server's event loops (Reactor Netty's shared loops, which serve every REST call and
 * WebSocket). More than a few for long means the loops are saturated, or something blocks
 * them. Reading a queue's size is non-blocking and may happen on any thread.
 */
@Component
class EventLoopMetrics {

	EventLoopMetrics(MeterRegistry meters) {
		// The same loops the server runs on: Boot's server uses Reactor Netty's global
		// resources, whose server group is created once and shared.
		EventLoopGroup loops = HttpResources.get().onServer(LoopResources.DEFAULT_NATIVE);
		int index = 0;
		for (EventExecutor loop : loops) {
			if (loop instanceof SingleThreadEventExecutor executor) {
				Gauge.builder("chat.eventloop.pending.tasks", executor, SingleThreadEventExecutor::pendingTasks)
					.tag("loop", Integer.toString(index))
					.description("Tasks waiting on one of the HTTP server's event loops")
					.register(meters);
			}
			index++;
		}
	}

}
