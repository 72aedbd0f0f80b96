package io.chatscalable.chat.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound tolerates on non-blocking threads in our tests, each with its reason.
 * Loaded through {@code META-INF/services} by blockhound-junit-platform, which installs
 * BlockHound for every test JVM.
 */
public class ChatBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// SecureRandom (SCRAM nonces of the R2DBC login, UUID.randomUUID) refills its
		// buffer from
		// /dev/urandom, which never blocks once the kernel's pool is initialised at boot.
		builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
		// An idle pool worker parking until a task arrives. Redisson's executor runs on
		// Netty's
		// FastThreadLocalThreads, which BlockHound treats as event loops; waiting for
		// work blocks nothing.
		builder.allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "getTask");
		// Jackson builds a (de)serializer once per type under a lock; two event loops
		// reading a type
		// for the first time at once contend for microseconds, once. Never on a
		// steady-state path.
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
		builder.allowBlockingCallsInside("tools.jackson.databind.ser.SerializerCache",
				"addAndResolveNonTypedSerializer");
		// Lettuce guards each connection's endpoint with a lock held for microseconds; an
		// event loop may
		// park on it briefly under contention. BlockHound's error thrown inside that
		// guarded region leaves
		// the lock wedged and the next writer spinning at 100% CPU (lettuce#3804, #3880),
		// which no
		// production run would ever see. Let the wait happen, as it does in production.
		for (String method : new String[] { "incrementWriters", "decrementWriters", "doExclusive",
				"lockWritersExclusive" }) {
			builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", method);
		}
		// Spring Data Redis hands out its shared connection under a ReentrantLock (a
		// field
		// read once the connection exists; SharedConnectionWarmUp opens it at start-up).
		// Two event loops can meet on it for nanoseconds. On JDK 17, BlockHound's error
		// thrown from park() inside lock() leaves a dead node in the lock's queue, and
		// every later caller waits forever (seen as a hung Kafka producer at shutdown).
		builder.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
				"doInLock");
		// Test code asserts in callbacks with AssertJ, which may load classes (a file
		// read) once.
		builder.allowBlockingCallsInside("org.assertj.core.api.Assertions", "assertThat");
	}

}
