package org.swhvault.examples.http;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swhvault.core.BundleStatus;
import org.swhvault.core.NotificationMail;
import org.swhvault.core.VaultListener;

/**
 * The listener {@code vault serve} hands notification addresses to: it has no mail system, so it logs the
 * mail the reference vault would send (its subject) and to whom.
 */
final class NotificationLog implements VaultListener {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationLog.class);

    private volatile String apiUrl = NotificationMail.DEFAULT_API_URL;

    /** Sets the API root the mails link to, once the server knows its address. */
    void apiUrl(String url) {
        this.apiUrl = url;
    }

    @Override
    public void onDone(BundleStatus status, List<String> notifyEmails) {
        if (!notifyEmails.isEmpty()) {
            LOG.info("Not sent (no mail system): \"{}\" to {}", NotificationMail.ready(status, apiUrl).subject(),
                    notifyEmails);
        }
    }

    @Override
    public void onFailed(BundleStatus status, List<String> notifyEmails) {
        if (!notifyEmails.isEmpty()) {
            LOG.info("Not sent (no mail system): \"{}\" to {}", NotificationMail.failed(status).subject(),
                    notifyEmails);
        }
    }
}
