package io.chatscalable.chat.typing;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.session.TypingNotifier;
import io.chatscalable.chat.signal.SignalBus;
import io.chatscalable.chat.signal.Signals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;

/** Passes typing notices at the configured rate on to the signal bus. */
@Service
class TypingService implements TypingNotifier {

	private final SignalBus signals;

	private final TypingRate rate;

	private final long expiresInMs;

	private final Counter dropped;

	TypingService(SignalBus signals, TypingProperties properties, MeterRegistry meters) {
		this.signals = signals;
		this.rate = new TypingRate(properties.interval().toNanos(), properties.maxTracked());
		this.expiresInMs = properties.expires().toMillis();
		this.dropped = Counter.builder("chat.typing.dropped").register(meters);
	}

	@Override
	public void typing(AuthenticatedUser user, long roomId) {
		if (!this.rate.tryPass(roomId, user.id(), System.nanoTime())) {
			this.dropped.increment();
			return;
		}
		this.signals.typing(new Signals.Typing(roomId, user.id(), user.username(), this.expiresInMs));
	}

}
