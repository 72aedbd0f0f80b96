package io.chatscalable.chat.message;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

import static org.assertj.core.api.Assertions.assertThat;

class StoreFailuresTest {

	@Test
	void aConstraintTheDataBreaksIsARefusalWorthDeadLettering() {
		assertThat(StoreFailures.isRefusedByDatabase(new DataIntegrityViolationException("fk"))).isTrue();
	}

	@Test
	void anUnreachableOrSlowDatabaseIsAnOutageNeverADeadLetter() {
		assertThat(StoreFailures.isRefusedByDatabase(new DataAccessResourceFailureException("no connection")))
			.isFalse();
		assertThat(StoreFailures.isRefusedByDatabase(new QueryTimeoutException("slow"))).isFalse();
		assertThat(StoreFailures.isRefusedByDatabase(new TransientDataAccessResourceException("failover"))).isFalse();
		assertThat(StoreFailures.isRefusedByDatabase(new IllegalStateException("pool closed"))).isFalse();
	}

}
