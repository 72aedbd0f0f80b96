package io.chatscalable.chat;

import java.util.Arrays;

import io.chatscalable.chat.message.replay.DeadLetterReplay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** A stateless chat node: any client may connect to any node. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChatApplication {

	/**
	 * Reactor Netty up to 1.3.8 can stop reading a keep-alive connection whose next
	 * request arrives before the previous response's operations terminated: the request
	 * waits until the client gives up (reactor-netty#4361, fixed after 1.3.8). This
	 * property makes the server terminate them first. Remove it with reactor-netty
	 * 1.3.9+.
	 */
	static final String KEEP_ALIVE_STOPGAP = "reactor.netty.http.server.lastFlushWhenNoRead";

	public static void main(String[] args) {
		if (args.length > 0 && DeadLetterReplay.COMMAND.equals(args[0])) {
			DeadLetterReplay.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (System.getProperty(KEEP_ALIVE_STOPGAP) == null) {
			System.setProperty(KEEP_ALIVE_STOPGAP, "true");
		}
		SpringApplication.run(ChatApplication.class, args);
	}

}
