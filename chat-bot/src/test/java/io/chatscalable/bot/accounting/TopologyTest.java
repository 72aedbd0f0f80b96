package io.chatscalable.bot.accounting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopologyTest {

	@Test
	void seatsEveryUserOnceByDefaultWithASmallerLastRoom() {
		Topology topology = Topology.of(25, 0, 10);
		assertThat(topology.rooms()).isEqualTo(3);
		assertThat(topology.members(0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		assertThat(topology.members(2)).containsExactly(20, 21, 22, 23, 24);
		assertThat(topology.roomsOf(24)).containsExactly(2);
		assertThat(topology.memberIndex(2, 24)).isEqualTo(4);
		assertThat(topology.memberIndex(0, 24)).isEqualTo(-1);
		assertThat(topology.memberships()).isEqualTo(25);
	}

	@Test
	void moreRoomsThanNeededPutUsersInSeveralRooms() {
		Topology topology = Topology.of(4, 3, 2);
		assertThat(topology.members(2)).containsExactly(0, 1);
		assertThat(topology.roomsOf(0)).containsExactly(0, 2);
		assertThat(topology.slotOf(0, 2)).isEqualTo(1);
	}

	@Test
	void oneBigRoom() {
		Topology topology = Topology.of(1000, 1, 1000);
		assertThat(topology.rooms()).isEqualTo(1);
		assertThat(topology.roomSize(0)).isEqualTo(1000);
		assertThat(topology.memberIndex(0, 999)).isEqualTo(999);
	}

	@Test
	void aRoomCannotBeLargerThanTheUsers() {
		assertThatIllegalArgumentException().isThrownBy(() -> Topology.of(5, 0, 6));
	}

}
