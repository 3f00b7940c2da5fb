package dev.toolkit.core.dns;

/**
 * One host to deliver mail to, in the order {@link MxResolver} returns them.
 *
 * @param host the mail server's name
 * @param preference its MX preference (0 for the implicit MX)
 * @param implicit whether it is the domain itself because the domain has no MX records (RFC 5321 5.1)
 */
public record MailExchanger(String host, int preference, boolean implicit) {
}
