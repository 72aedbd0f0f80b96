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
		// Test code asserts in callbacks with AssertJ, which may load classes (a file
		// read) once.
		builder.allowBlockingCallsInside("org.assertj.core.api.Assertions", "assertThat");
	}

}
