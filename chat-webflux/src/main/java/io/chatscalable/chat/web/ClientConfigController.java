package io.chatscalable.chat.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /client-config.json}: the node URLs the browser client connects to and fails
 * over between ({@code chat.web.client-nodes}). Public, like the client's static files.
 */
@RestController
class ClientConfigController {

	private final ClientConfig config;

	ClientConfigController(WebProperties properties) {
		this.config = new ClientConfig(properties.clientNodes());
	}

	@GetMapping("/client-config.json")
	ClientConfig clientConfig() {
		return this.config;
	}

	/**
	 * The client's configuration.
	 *
	 * @param nodes node base URLs, in preference order; empty means the page's origin
	 */
	record ClientConfig(List<String> nodes) {
	}

}
