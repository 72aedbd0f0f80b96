package io.chatscalable.chat.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.chatscalable.infra.testing.TestInfrastructure;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the application context at the test JVM's servers. */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Map<String, Object> properties = new LinkedHashMap<>(TestInfrastructure.endpoints().springProperties());
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("test-infrastructure", properties));
	}

}
