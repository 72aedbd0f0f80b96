package io.chatscalable.chat.ratelimit;

import java.time.Duration;
import java.util.Locale;

/**
 * At most {@code requests} per {@code window}, written {@code "30/1m"} in configuration
 * (window units: ms, s, m, h).
 *
 * @param requests how many requests a window admits, at least 1
 * @param window the window's length, 100 ms to 1 h
 */
public record Rate(int requests, Duration window) {

	public Rate {
		if (requests < 1) {
			throw new IllegalArgumentException("A rate admits at least 1 request per window");
		}
		if (window.compareTo(Duration.ofMillis(100)) < 0 || window.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("A rate's window must be between 100ms and 1h");
		}
	}

	/** Parses {@code "30/1m"}, {@code "5/10s"}, {@code "100000/1m"}. */
	public static Rate parse(String text) {
		int slash = text.indexOf('/');
		if (slash < 1) {
			throw new IllegalArgumentException("A rate is written requests/window, e.g. 30/1m: " + text);
		}
		int requests = Integer.parseInt(text.substring(0, slash).trim());
		String window = text.substring(slash + 1).trim().toLowerCase(Locale.ROOT);
		return new Rate(requests, parseWindow(window));
	}

	private static Duration parseWindow(String window) {
		if (window.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(window.substring(0, window.length() - 2)));
		}
		long amount = Long.parseLong(window.substring(0, window.length() - 1));
		return switch (window.charAt(window.length() - 1)) {
			case 's' -> Duration.ofSeconds(amount);
			case 'm' -> Duration.ofMinutes(amount);
			case 'h' -> Duration.ofHours(amount);
			default -> throw new IllegalArgumentException("A rate's window ends in ms, s, m or h: " + window);
		};
	}

	@Override
	public String toString() {
		return this.requests + "/" + this.window.toMillis() + "ms";
	}

}
