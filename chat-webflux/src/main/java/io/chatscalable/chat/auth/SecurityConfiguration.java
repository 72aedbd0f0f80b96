package io.chatscalable.chat.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;

/**
 * Stateless bearer-token security: no sessions, no cookies (so no CSRF), every request
 * but login and the probes carries a token signed with {@code chat.auth.jwt-secret} in
 * its Authorization header, or (a WebSocket handshake) a single-use ticket
 * ({@link WsTickets}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** Clock skew allowed between nodes when a token's expiry is checked. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	/**
	 * Open without a token: the load balancer's probes ({@code /livez}, {@code /readyz}),
	 * and the actuator, which is served only on the management port
	 * ({@code management.server.port}, never published to users; docs/security.md).
	 */
	private static final String[] PUBLIC_PATHS = { "/livez", "/readyz", "/actuator/**" };

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
			WsTickets tickets, ProblemAuthenticationEntryPoint entryPoint) {
		// The login token comes only in the Authorization header; a /ws handshake
		// without one may present a single-use ticket instead (browsers cannot set
		// headers on a handshake).
		ReactiveAuthenticationManager byToken = new JwtReactiveAuthenticationManager(decoder);
		ReactiveAuthenticationManager byTicket = new JwtReactiveAuthenticationManager(tickets::redeem);
		ReactiveAuthenticationManagerResolver<ServerWebExchange> managers = (exchange) -> Mono
			.just(HandshakeTokenConverter.isTicketHandshake(exchange) ? byTicket : byToken);
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.cors(Customizer.withDefaults())
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.POST, "/api/auth/login")
				.permitAll()
				// The browser client's static files (chat-react) and its node list.
				.pathMatchers(HttpMethod.GET, "/", "/index.html", "/favicon.svg", "/assets/**", "/client-config.json")
				.permitAll()
				.pathMatchers(PUBLIC_PATHS)
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenConverter(new HandshakeTokenConverter())
				.authenticationManagerResolver(managers)
				.authenticationEntryPoint(entryPoint))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(entryPoint))
			.build();
	}

	@Bean
	JwtEncoder jwtEncoder(AuthProperties properties) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(secretKey(properties)));
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(AuthProperties properties) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(secretKey(properties))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		// 5 s of clock skew between nodes, not the default 60: an expired token must stop
		// opening sockets soon after the node closed its sockets with 4002.
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(CLOCK_SKEW),
				new JwtIssuerValidator(properties.issuer())));
		return decoder;
	}

	private static SecretKey secretKey(AuthProperties properties) {
		return new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

}
