package io.chatscalable.chat.user;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;

import io.chatscalable.chat.auth.AuthProperties;
import io.chatscalable.chat.web.ServerBusyException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * BCrypt hashing off the event loop. A hash costs tens of milliseconds of CPU, so it runs
 * on its own threads, one per core, behind a bounded queue; when the queue is full,
 * logins answer 503 SERVER_BUSY instead of queueing without bound.
 */
@Component
class PasswordHasher implements DisposableBean {

	/**
	 * BCrypt reads at most 72 bytes; a longer password would be silently cut, so it is
	 * refused instead.
	 */
	static final int MAX_PASSWORD_BYTES = 72;

	static final int MIN_PASSWORD_BYTES = 8;

	private final BCryptPasswordEncoder encoder;

	private final Scheduler scheduler;

	PasswordHasher(AuthProperties properties) {
		this.encoder = new BCryptPasswordEncoder(properties.bcryptStrength());
		this.scheduler = Schedulers.newBoundedElastic(Runtime.getRuntime().availableProcessors(),
				properties.hashingQueue(), "password-hash");
	}

	static void validate(String password) {
		int bytes = password.getBytes(StandardCharsets.UTF_8).length;
		if (bytes < MIN_PASSWORD_BYTES || bytes > MAX_PASSWORD_BYTES) {
			throw new InvalidPasswordException();
		}
	}

	Mono<String> hash(String password) {
		return offload(Mono.fromCallable(() -> this.encoder.encode(password)));
	}

	Mono<Boolean> matches(String password, String hash) {
		return offload(Mono.fromCallable(() -> this.encoder.matches(password, hash)));
	}

	private <T> Mono<T> offload(Mono<T> work) {
		return work.subscribeOn(this.scheduler)
			.onErrorMap(RejectedExecutionException.class,
					(ex) -> new ServerBusyException("Too many logins at once; retry shortly"));
	}

	@Override
	public void destroy() {
		this.scheduler.dispose();
	}

}
