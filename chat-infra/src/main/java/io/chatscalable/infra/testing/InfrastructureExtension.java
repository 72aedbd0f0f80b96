package io.chatscalable.infra.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class the JVM's shared PostgreSQL, Redis and Kafka (see
 * {@link TestInfrastructure}), emptied before the class runs. Register it before any
 * extension that starts an application context.
 */
public final class InfrastructureExtension implements BeforeAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		StateReset.resetAll(TestInfrastructure.endpoints());
	}

}
