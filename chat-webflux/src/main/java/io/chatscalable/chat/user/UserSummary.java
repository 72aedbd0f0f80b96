package io.chatscalable.chat.user;

/**
 * What other features and clients see of a user.
 *
 * @param id the user id
 * @param username the username as typed at signup
 */
public record UserSummary(long id, String username) {
}
