package io.chatscalable.infra.embedded;

import java.util.Locale;

/** The operating system and processor, as the bundled binaries name them. */
final class Platform {

	private Platform() {
	}

	static boolean isArm64() {
		String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
		return arch.equals("aarch64") || arch.equals("arm64");
	}

	static boolean isLinux() {
		return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
	}

	static String describe() {
		return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
	}

	static void requireLinux(String what) {
		if (!isLinux()) {
			throw new IllegalStateException("The bundled " + what + " binaries are for Linux; on " + describe()
					+ " use Docker (Testcontainers) or point CHAT_TEST_INFRA=external at servers of your own");
		}
	}

}
