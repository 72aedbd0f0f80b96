package io.chatscalable.bot.accounting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which user is in which room. Users and rooms are numbered from 0; membership slot
 * {@code s} puts user {@code s % users} in room {@code s / roomSize}.
 */
public final class Topology {

	private final int users;

	private final int[][] roomMembers;

	private final int[][] userRooms;

	private final int[][] userMemberIndex;

	private Topology(int users, int[][] roomMembers) {
		this.users = users;
		this.roomMembers = roomMembers;
		List<List<int[]>> byUser = new ArrayList<>();
		for (int u = 0; u < users; u++) {
			byUser.add(new ArrayList<>());
		}
		for (int room = 0; room < roomMembers.length; room++) {
			for (int index = 0; index < roomMembers[room].length; index++) {
				byUser.get(roomMembers[room][index]).add(new int[] { room, index });
			}
		}
		this.userRooms = new int[users][];
		this.userMemberIndex = new int[users][];
		for (int u = 0; u < users; u++) {
			this.userRooms[u] = byUser.get(u).stream().mapToInt((pair) -> pair[0]).toArray();
			this.userMemberIndex[u] = byUser.get(u).stream().mapToInt((pair) -> pair[1]).toArray();
		}
	}

	/**
	 * Users in rooms of {@code roomSize}.
	 * @param users how many users
	 * @param rooms how many rooms; 0 for as many as it takes to seat every user once (the
	 * last room may be smaller)
	 * @param roomSize members per room
	 * @return the topology
	 */
	public static Topology of(int users, int rooms, int roomSize) {
		if (users < 1 || roomSize < 1 || roomSize > users || rooms < 0) {
			throw new IllegalArgumentException(
					"Need users >= 1 and 1 <= room size <= users, not " + users + " users in rooms of " + roomSize);
		}
		int roomCount = (rooms == 0) ? (users + roomSize - 1) / roomSize : rooms;
		int slots = (rooms == 0) ? users : rooms * roomSize;
		int[][] members = new int[roomCount][];
		for (int room = 0; room < roomCount; room++) {
			int first = room * roomSize;
			int size = Math.min(roomSize, slots - first);
			members[room] = new int[size];
			for (int index = 0; index < size; index++) {
				members[room][index] = (first + index) % users;
			}
		}
		return new Topology(users, members);
	}

	/** Explicit rooms, for tests: {@code rooms[r]} lists room r's users. */
	public static Topology explicit(int users, int[]... rooms) {
		return new Topology(users, Arrays.stream(rooms).map(int[]::clone).toArray(int[][]::new));
	}

	public int users() {
		return this.users;
	}

	public int rooms() {
		return this.roomMembers.length;
	}

	/** How many users are in {@code room}. */
	public int roomSize(int room) {
		return this.roomMembers[room].length;
	}

	/** The users of {@code room}, in member-index order. */
	public int[] members(int room) {
		return this.roomMembers[room].clone();
	}

	/** The rooms {@code user} is in. */
	public int[] roomsOf(int user) {
		return this.userRooms[user].clone();
	}

	/** How many rooms {@code user} is in. */
	public int roomCount(int user) {
		return this.userRooms[user].length;
	}

	/** The {@code k}-th room of {@code user}. */
	public int roomOf(int user, int k) {
		return this.userRooms[user][k];
	}

	/**
	 * Where {@code room} is in {@code user}'s room list, or -1 if the user is not in it.
	 */
	public int slotOf(int user, int room) {
		int[] rooms = this.userRooms[user];
		for (int k = 0; k < rooms.length; k++) {
			if (rooms[k] == room) {
				return k;
			}
		}
		return -1;
	}

	/** The index of {@code user} among {@code room}'s members, or -1. */
	public int memberIndex(int room, int user) {
		int slot = slotOf(user, room);
		return (slot < 0) ? -1 : this.userMemberIndex[user][slot];
	}

	/** Total memberships: the deliveries one message per member of every room makes. */
	public long memberships() {
		long total = 0;
		for (int[] members : this.roomMembers) {
			total += members.length;
		}
		return total;
	}

}
