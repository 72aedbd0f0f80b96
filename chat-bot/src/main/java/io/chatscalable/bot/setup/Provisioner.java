package io.chatscalable.bot.setup;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import io.chatscalable.bot.accounting.Topology;

/**
 * Logs the scenario's users in, creates its rooms and makes the users members, over REST,
 * with at most the executor's thread count of calls at once. User {@code i} talks to node
 * {@code i % nodes}.
 */
public final class Provisioner {

	private final ChatApi api;

	private final ExecutorService executor;

	private final List<URI> nodes;

	public Provisioner(ChatApi api, ExecutorService executor, List<URI> nodes) {
		this.api = api;
		this.executor = executor;
		this.nodes = List.copyOf(nodes);
	}

	/** The username of user {@code index} of run {@code runId}: unique per run. */
	public static String username(String runId, int index) {
		return "b" + runId + "-" + index;
	}

	/**
	 * Sets the scenario up.
	 * @param runId the run id (part of every username and room name)
	 * @param topology who is in which room
	 * @return the users and the server's room ids
	 */
	public Provisioned provision(String runId, Topology topology) {
		List<LoggedInUser> users = all(topology.users(), (i) -> this.api.login(nodeOf(i), i, username(runId, i)));
		List<Long> roomIds = all(topology.rooms(), (room) -> {
			LoggedInUser creator = users.get(topology.members(room)[0]);
			return this.api.createRoom(nodeOf(creator.index()), creator.token(), "bot " + runId + " " + room);
		});
		List<int[]> memberships = new ArrayList<>();
		for (int room = 0; room < topology.rooms(); room++) {
			int[] members = topology.members(room);
			for (int index = 1; index < members.length; index++) {
				memberships.add(new int[] { room, members[index] });
			}
		}
		all(memberships.size(), (i) -> {
			int[] membership = memberships.get(i);
			LoggedInUser user = users.get(membership[1]);
			this.api.joinRoom(nodeOf(user.index()), user.token(), roomIds.get(membership[0]));
			return Boolean.TRUE;
		});
		return new Provisioned(users, roomIds.stream().mapToLong(Long::longValue).toArray());
	}

	private URI nodeOf(int user) {
		return this.nodes.get(user % this.nodes.size());
	}

	private <T> List<T> all(int count, IntFunction<T> task) {
		List<Future<T>> futures = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int index = i;
			futures.add(this.executor.submit(() -> task.apply(index)));
		}
		List<T> results = new ArrayList<>(count);
		try {
			for (Future<T> future : futures) {
				results.add(future.get());
			}
		}
		catch (ExecutionException ex) {
			futures.forEach((future) -> future.cancel(true));
			Throwable cause = ex.getCause();
			throw (cause instanceof SetupException setup) ? setup : new SetupException(cause.toString(), cause);
		}
		catch (InterruptedException ex) {
			futures.forEach((future) -> future.cancel(true));
			Thread.currentThread().interrupt();
			throw new SetupException("Interrupted", ex);
		}
		return results;
	}

	/**
	 * The scenario's users and rooms on the server.
	 *
	 * @param users the users, by index
	 * @param roomIds the server's room id of each room index
	 */
	public record Provisioned(List<LoggedInUser> users, long[] roomIds) {
	}

}
