package io.chatscalable.chat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Proves BlockHound is installed in the test JVM: a blocking call on a non-blocking
 * thread fails instead of passing silently. Without this, every "nothing blocks" claim of
 * the suite would be unchecked.
 */
class BlockHoundActiveTest {

	@Test
	void blockingOnANonBlockingThreadFails() {
		Mono<String> blocking = Mono.fromCallable(() -> {
			Thread.sleep(1);
			return "slept";
		}).subscribeOn(Schedulers.parallel());

		StepVerifier.create(blocking).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(10));
	}

	@Test
	void blockingOnABoundedElasticThreadIsAllowed() {
		Mono<String> blocking = Mono.fromCallable(() -> {
			Thread.sleep(1);
			return "slept";
		}).subscribeOn(Schedulers.boundedElastic());

		StepVerifier.create(blocking).expectNext("slept").verifyComplete();
	}

}
