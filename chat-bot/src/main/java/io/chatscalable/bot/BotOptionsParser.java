package io.chatscalable.bot;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chatscalable.bot.accounting.Ledger;
import io.chatscalable.bot.chaos.ChaosScenario;
import io.chatscalable.bot.chaos.ChaosSettings;
import io.chatscalable.bot.accounting.MessageContent;
import io.chatscalable.bot.run.ScenarioSettings;
import io.chatscalable.bot.run.StepSettings;

/**
 * A small hand-written parser for the bot's options.
 */
final class BotOptionsParser {

	static final String USAGE = """
			Usage: run-bot [options]
			  --nodes URL[,URL...]     chat nodes; users are spread over them round-robin (default http://127.0.0.1:8080)
			  --users N                users, one WebSocket each (default 100)
			  --room-size N            members per room (default 10)
			  --rooms N                rooms; default: as many as it takes to seat every user once
			  --one-room               one room with every user (same as --rooms 1 --room-size <users>)
			  --rate R                 messages per second per user, may be fractional (default 1)
			  --message-size N         characters of content per message, 40-4000 (default 100)
			  --ramp-up D              users start sending spread over D (default 5s)
			  --warm-up D              then messages are sent but not measured for D (default 5s)
			  --duration D             then the measured phase lasts D; 0 skips the classic test (default 30s)
			  --drain D                after the last send, wait up to D for deliveries (default 10s)
			  --send-deadline D        a message not acked within D of when it was due fails the run (default 30s)
			  --step N                 step mode after the classic test: +N users per round (default off)
			  --step-start N           users in the first round (default: the step)
			  --step-max N             stop after the round with this many users (default 20000)
			  --step-duration D        measured time per round (default 20s)
			  --step-warm-up D         warm-up per round (default 5s); ramp-up per round: --step-ramp-up (default 5s)
			  --step-p99 D             a round is clean if nothing is lost, duplicated or reordered and the
			                           receive p99 is below D (default 500ms)
			  --report PATH            write a JSON report there
			  --run-id ID              1-12 of [a-z0-9] (default random); part of every username
			  --setup-concurrency N    REST calls at once while setting up (default 16)
			  --connect-concurrency N  WebSocket handshakes at once (default 100)
			  --event-loops N          event loop threads for all sockets (default: the processor count)
			  --no-progress            no progress line on stderr
			  --social                 after each acked send, a typing and a read frame for its room (read state,
			                           receipts and typing under load; counted apart, never in the accounting)
			Chaos run (the classic test with a fault in its measured phase; see docs/reliability.md):
			  --chaos NAME             node-kill, node-restart, broker-restart, redis-restart, postgres-restart or
			                           lock-holder-kill
			  --control URL            the local run's fault control endpoint (default http://127.0.0.1:18090)
			  --fault-after D          inject the fault D after the measured phase starts (default 10s)
			  --fault-for D            heal it D later; in node-restart, the pause between nodes (default 10s)
			  --settle D               keep the load on for D after the last fault step (default 15s)
			Durations: 500ms, 30s, 2m, 1h, or a number of seconds.
			Exit code: 0 if every message was acked in time and nothing was lost, duplicated or out of order; 1 if
			not (or a chaos run's fault could not be applied); 2 for bad options; 3 if the scenario could not be
			set up.""";

	private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

	private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{1,12}");

	private static final int MAX_MESSAGE_SIZE = 4000;

	private BotOptionsParser() {
	}

	static BotOptions parse(String... args) {
		List<URI> nodes = List.of(URI.create("http://127.0.0.1:8080"));
		int users = 100;
		int roomSize = 10;
		int rooms = 0;
		boolean oneRoom = false;
		double rate = 1;
		int messageSize = 100;
		Duration rampUp = Duration.ofSeconds(5);
		Duration warmUp = Duration.ofSeconds(5);
		Duration duration = Duration.ofSeconds(30);
		Duration drain = Duration.ofSeconds(10);
		Duration sendDeadline = Ledger.DEFAULT_SEND_DEADLINE;
		int step = 0;
		int stepStart = 0;
		int stepMax = 20_000;
		Duration stepDuration = Duration.ofSeconds(20);
		Duration stepWarmUp = Duration.ofSeconds(5);
		Duration stepRampUp = Duration.ofSeconds(5);
		Duration stepP99 = Duration.ofMillis(500);
		Path report = null;
		String runId = null;
		int setupConcurrency = 16;
		int connectConcurrency = 100;
		int eventLoops = Runtime.getRuntime().availableProcessors();
		boolean progress = true;
		boolean social = false;
		boolean help = false;
		ChaosScenario chaos = null;
		URI control = URI.create("http://127.0.0.1:18090");
		Duration faultAfter = Duration.ofSeconds(10);
		Duration faultFor = Duration.ofSeconds(10);
		Duration settle = Duration.ofSeconds(15);
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			switch (option) {
				case "--nodes" -> nodes = nodes(value(args, ++i));
				case "--users" -> users = positive(args, ++i);
				case "--room-size" -> roomSize = positive(args, ++i);
				case "--rooms" -> rooms = positive(args, ++i);
				case "--one-room" -> oneRoom = true;
				case "--rate" -> rate = rate(args, ++i);
				case "--message-size" -> messageSize = positive(args, ++i);
				case "--ramp-up" -> rampUp = duration(args, ++i);
				case "--warm-up" -> warmUp = duration(args, ++i);
				case "--duration" -> duration = duration(args, ++i);
				case "--drain" -> drain = duration(args, ++i);
				case "--send-deadline" -> sendDeadline = duration(args, ++i);
				case "--step" -> step = positive(args, ++i);
				case "--step-start" -> stepStart = positive(args, ++i);
				case "--step-max" -> stepMax = positive(args, ++i);
				case "--step-duration" -> stepDuration = duration(args, ++i);
				case "--step-warm-up" -> stepWarmUp = duration(args, ++i);
				case "--step-ramp-up" -> stepRampUp = duration(args, ++i);
				case "--step-p99" -> stepP99 = duration(args, ++i);
				case "--report" -> report = Path.of(value(args, ++i));
				case "--run-id" -> runId = value(args, ++i);
				case "--setup-concurrency" -> setupConcurrency = positive(args, ++i);
				case "--connect-concurrency" -> connectConcurrency = positive(args, ++i);
				case "--event-loops" -> eventLoops = positive(args, ++i);
				case "--no-progress" -> progress = false;
				case "--social" -> social = true;
				case "--chaos" -> chaos = ChaosScenario.of(value(args, ++i));
				case "--control" -> control = URI.create(value(args, ++i));
				case "--fault-after" -> faultAfter = duration(args, ++i);
				case "--fault-for" -> faultFor = duration(args, ++i);
				case "--settle" -> settle = duration(args, ++i);
				case "--help", "-h" -> help = true;
				default -> throw new IllegalArgumentException("Unknown option: " + option);
			}
		}
		if (runId == null) {
			runId = randomRunId();
		}
		if (!RUN_ID.matcher(runId).matches()) {
			throw new IllegalArgumentException("--run-id must be 1-12 of [a-z0-9], not " + runId);
		}
		if (oneRoom) {
			rooms = 1;
			roomSize = users;
		}
		if (roomSize > users) {
			throw new IllegalArgumentException("--room-size " + roomSize + " is more than --users " + users);
		}
		int smallest = MessageContent.headerLength(runId + "s999", Math.max(users, stepMax));
		if (messageSize < smallest || messageSize > MAX_MESSAGE_SIZE) {
			throw new IllegalArgumentException(
					"--message-size must be " + smallest + "-" + MAX_MESSAGE_SIZE + ", not " + messageSize);
		}
		if (duration.isZero() && step == 0) {
			throw new IllegalArgumentException("Nothing to do: --duration 0 and no --step");
		}
		ScenarioSettings scenario = new ScenarioSettings(users, rooms, roomSize, rate, messageSize, rampUp, warmUp,
				duration, drain, setupConcurrency, connectConcurrency, sendDeadline, social);
		StepSettings steps = (step == 0) ? null : new StepSettings((stepStart == 0) ? step : stepStart, step, stepMax,
				stepDuration, stepWarmUp, stepRampUp, stepP99);
		if (chaos != null && (steps != null || duration.isZero())) {
			throw new IllegalArgumentException("--chaos runs the classic test: it needs a --duration and no --step");
		}
		ChaosSettings chaosSettings = (chaos == null) ? null
				: new ChaosSettings(chaos, control, faultAfter, faultFor, settle);
		return new BotOptions(nodes, scenario, steps, runId, report, eventLoops, progress, help, chaosSettings);
	}

	static Duration parseDuration(String text) {
		Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a duration: " + text + " (try 500ms, 30s, 2m)");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

	private static List<URI> nodes(String text) {
		List<URI> nodes = new ArrayList<>();
		for (String part : text.split(",")) {
			String trimmed = part.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			URI uri = URI.create(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				throw new IllegalArgumentException("--nodes wants http://host:port URLs, not " + trimmed);
			}
			nodes.add(uri);
		}
		if (nodes.isEmpty()) {
			throw new IllegalArgumentException("--nodes needs at least one URL");
		}
		return List.copyOf(nodes);
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException(args[index - 1] + " needs a value");
		}
		return args[index];
	}

	private static int positive(String[] args, int index) {
		String value = value(args, index);
		try {
			int number = Integer.parseInt(value);
			if (number < 1) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(args[index - 1] + " needs a positive whole number, not " + value);
		}
	}

	private static double rate(String[] args, int index) {
		String value = value(args, index);
		try {
			double number = Double.parseDouble(value);
			if (!(number > 0) || number > 1000) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--rate needs a number above 0 and at most 1000, not " + value);
		}
	}

	private static Duration duration(String[] args, int index) {
		try {
			return parseDuration(value(args, index));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(args[index - 1] + ": " + ex.getMessage());
		}
	}

	private static String randomRunId() {
		String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
		SecureRandom random = new SecureRandom();
		StringBuilder id = new StringBuilder();
		for (int i = 0; i < 6; i++) {
			id.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return id.toString();
	}

}
