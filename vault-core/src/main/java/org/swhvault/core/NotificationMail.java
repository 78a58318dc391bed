package org.swhvault.core;

import org.swhvault.spi.cook.BundleType;

import static java.util.Objects.requireNonNull;

/**
 * The e-mail the reference vault sends when a bundle someone asked to be notified about is cooked or has
 * failed: same subjects ("Bundle ready: git_bare 1a2b3c4", "Bundle failed: …"), same facts in the body (the
 * bundle type, the SWHID, the download URL and a warning that it may expire, or the failure's reason), and
 * the same signature separator. The vault sends no mail itself: a host formats one of these in a
 * {@link VaultListener} and hands it to its mail system.
 *
 * <pre>{@code
 * VaultListener mailer = new VaultListener() {
 *     public void onDone(BundleStatus status, List<String> emails) {
 *         NotificationMail mail = NotificationMail.ready(status, NotificationMail.DEFAULT_API_URL);
 *         emails.forEach(to -> smtp.send(NotificationMail.DEFAULT_FROM, to, mail.subject(), mail.body()));
 *     }
 *     public void onFailed(BundleStatus status, List<String> emails) {
 *         NotificationMail mail = NotificationMail.failed(status);
 *         emails.forEach(to -> smtp.send(NotificationMail.DEFAULT_FROM, to, mail.subject(), mail.body()));
 *     }
 * };
 * }</pre>
 *
 * @param subject the subject line
 * @param body the plain-text body, lines ending in {@code \n}
 */
public record NotificationMail(String subject, String body) {
    /** The reference vault's sender. */
    public static final String DEFAULT_FROM = "\"Software Heritage Vault\" <bot@softwareheritage.org>";
    /** The reference vault's API root, used in download links. */
    public static final String DEFAULT_API_URL = "https://archive.softwareheritage.org/api/1";
    private static final String SIGNATURE = "-- \nThe Software Heritage Developers\n";

    /** Validates the components. */
    public NotificationMail {
        requireNonNull(subject, "subject is null");
        requireNonNull(body, "body is null");
    }

    /**
     * Formats the mail announcing a cooked bundle.
     *
     * @param status the bundle's status
     * @param apiUrl the root of the HTTP API the bundle is served from, such as {@link #DEFAULT_API_URL}
     * @return the mail
     */
    public static NotificationMail ready(BundleStatus status, String apiUrl) {
        String root = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        String url = root + "/vault/" + status.type().apiName() + "/" + status.swhid() + "/raw";
        String body = header(status)
                + "This bundle is now available for download at the following address:\n\n"
                + url + "\n\n"
                + "Please keep in mind that this link might expire at some point, in which case you will need to\n"
                + "request the bundle again.\n\n"
                + SIGNATURE;
        return new NotificationMail("Bundle ready: " + shortName(status), body);
    }

    /**
     * Formats the mail announcing that cooking a bundle failed.
     *
     * @param status the bundle's status, whose progress message is the reason
     * @return the mail
     */
    public static NotificationMail failed(BundleStatus status) {
        String body = header(status)
                + "This bundle could not be cooked for the following reason:\n\n"
                + status.progressMessage().orElse("(no reason was recorded)") + "\n\n"
                + "We apologize for the inconvenience.\n\n"
                + SIGNATURE;
        return new NotificationMail("Bundle failed: " + shortName(status), body);
    }

    private static String header(BundleStatus status) {
        return "You have requested the following bundle from the Software Heritage Vault:\n\n"
                + "Bundle Type: " + referenceName(status.type()) + "\n"
                + "Object SWHID: " + status.swhid() + "\n\n";
    }

    /** The reference names bundles in mails by type and the first 7 hex digits of the object id. */
    private static String shortName(BundleStatus status) {
        return referenceName(status.type()) + " " + status.swhid().id().toHex().substring(0, 7);
    }

    /** The reference spells the git-bare type with an underscore everywhere but in URLs. */
    private static String referenceName(BundleType type) {
        return type == BundleType.GIT_BARE ? "git_bare" : type.apiName();
    }
}
