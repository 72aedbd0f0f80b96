package io.chatscalable.chat.user;

import java.util.Optional;

import io.chatscalable.chat.auth.TokenService;
import io.chatscalable.chat.outbox.OutboxMessage;
import io.chatscalable.chat.outbox.OutboxWriter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Login and signup in one call: an unknown username is signed up, a known one logged in.
 * The public face of the user feature.
 */
@Service
public class UserService {

	private final UserRepository repository;

	private final UserCache cache;

	private final PasswordHasher hasher;

	private final OutboxWriter outbox;

	private final TransactionalOperator transaction;

	private final TokenService tokens;

	UserService(UserRepository repository, UserCache cache, PasswordHasher hasher, OutboxWriter outbox,
			TransactionalOperator transaction, TokenService tokens) {
		this.repository = repository;
		this.cache = cache;
		this.hasher = hasher;
		this.outbox = outbox;
		this.transaction = transaction;
		this.tokens = tokens;
	}

	/**
	 * Logs in {@code rawUsername}, signing it up first when unknown.
	 * @param rawUsername the username as typed
	 * @param password the password, or null; required (and checked) only for users who
	 * set one at signup
	 */
	public Mono<LoginResult> login(String rawUsername, String password) {
		return Mono.defer(() -> {
			Username username = Username.parse(rawUsername);
			if (password != null) {
				PasswordHasher.validate(password);
			}
			return existing(username).flatMap((user) -> authenticate(user, password).thenReturn(result(user, false)))
				.switchIfEmpty(Mono.defer(() -> signUp(username, password)));
		});
	}

	/** The user with that id, from the cache or the database. */
	public Mono<UserSummary> findById(long id) {
		return this.cache.findById(id)
			.map((cached) -> new UserSummary(cached.id(), cached.username()))
			.switchIfEmpty(Mono.defer(() -> this.repository.findById(id).map(UserRecord::summary)));
	}

	/**
	 * The user with that id, or UserNotFoundException (404 USER_NOT_FOUND): for a request
	 * that names another user.
	 */
	public Mono<UserSummary> require(long id) {
		return findById(id).switchIfEmpty(Mono.error(() -> new UserNotFoundException(id)));
	}

	/**
	 * The users whose name starts with the query's prefix, by name, without
	 * {@code callerId}. Reads PostgreSQL (an index on the lower-case name); the Redis
	 * cache holds users by id and name, not in order.
	 */
	public Flux<UserSummary> search(UserQuery query, long callerId) {
		return this.repository.findByPrefix(query, callerId);
	}

	/**
	 * The user of that name. A cached user without a password is enough to log in; for
	 * one with a password the hash comes from the database, since it is never cached.
	 */
	private Mono<UserRecord> existing(Username username) {
		return this.cache.findByName(username)
			.flatMap((cached) -> cached.passwordProtected() ? this.repository.findById(cached.id())
					: Mono.just(new UserRecord(cached.id(), cached.username(), null, null)))
			.switchIfEmpty(Mono.defer(() -> this.repository.findByName(username)));
	}

	private Mono<Void> authenticate(UserRecord user, String password) {
		if (user.passwordHash() == null) {
			// Signed up without a password: the name alone logs in, as the design asks.
			return Mono.empty();
		}
		if (password == null) {
			return Mono.error(new WrongPasswordException());
		}
		return this.hasher.matches(password, user.passwordHash())
			.flatMap((matches) -> matches ? Mono.empty() : Mono.error(new WrongPasswordException()));
	}

	/**
	 * Writes the user and its UserSignedUp outbox row in one transaction. When a
	 * concurrent signup of the same name won, this one becomes a login of that user.
	 */
	private Mono<LoginResult> signUp(Username username, String password) {
		Mono<Optional<String>> hash = (password != null) ? this.hasher.hash(password).map(Optional::of)
				: Mono.just(Optional.empty());
		return hash.flatMap((passwordHash) -> {
			Mono<UserRecord> write = this.repository.insertIfAbsent(username, passwordHash.orElse(null))
				.flatMap((user) -> this.outbox.append(signedUp(user)).thenReturn(user));
			return this.transaction.transactional(write).map((user) -> result(user, true));
		})
			.switchIfEmpty(Mono.defer(() -> this.repository.findByName(username)
				.flatMap((winner) -> authenticate(winner, password).thenReturn(result(winner, false)))));
	}

	private static OutboxMessage signedUp(UserRecord user) {
		return new OutboxMessage(UserSignedUp.AGGREGATE_TYPE, Long.toString(user.id()), UserSignedUp.EVENT_TYPE,
				new UserSignedUp(user.id(), user.username(), user.passwordHash() != null, user.createdAt()));
	}

	private LoginResult result(UserRecord user, boolean created) {
		TokenService.IssuedToken token = this.tokens.issue(user.id(), user.username());
		return new LoginResult(token.value(), token.expiresAt(), user.summary(), created);
	}

	/**
	 * A successful login.
	 *
	 * @param token the bearer token
	 * @param expiresAt when the token expires
	 * @param user who logged in
	 * @param created whether this login signed the user up
	 */
	public record LoginResult(String token, java.time.Instant expiresAt, UserSummary user, boolean created) {
	}

}
