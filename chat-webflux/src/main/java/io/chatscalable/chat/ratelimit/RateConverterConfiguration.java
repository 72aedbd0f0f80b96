package io.chatscalable.chat.ratelimit;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

/** Lets configuration write a {@link Rate} as {@code "30/1m"}. */
@Configuration(proxyBeanMethods = false)
class RateConverterConfiguration {

	@Bean
	@ConfigurationPropertiesBinding
	static Converter<String, Rate> rateConverter() {
		return new Converter<>() {
			@Override
			public Rate convert(String source) {
				return Rate.parse(source);
			}
		};
	}

}
