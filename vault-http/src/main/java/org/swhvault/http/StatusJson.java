package org.swhvault.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;
import org.swhvault.core.BundleStatus;
import org.swhvault.core.CookProgress;
import org.swhvault.core.Vault;
import org.swhvault.spi.request.RequestState;
import org.swhvault.spi.swhid.Swhid;

/**
 * A bundle's status as the reference answers it ({@code fetch_url}, {@code progress_message}, {@code id},
 * {@code status}, {@code swhid}, plus {@code obj_type} and {@code obj_id} on legacy routes), and, when the
 * request asks for {@code details}, what a progress page shows after them:
 * <ul>
 * <li>{@code progress}: {@code {"phase", "done", "total"}} while cooking, {@code total} null when not known; read
 * from the cook itself when it runs in this process, else from the progress message; else null;</li>
 * <li>{@code bundle_size}: the bundle's bytes once done, else null;</li>
 * <li>{@code cooking_time}: the seconds the cook took, when this process cooked it since it started, else null;</li>
 * <li>{@code compression}: {@code gzip}, or {@code zstd} for a bundle requested with {@code ?compression=zstd};</li>
 * <li>{@code requested_at} and {@code done_at}: ISO 8601 times, {@code done_at} null until done.</li>
 * </ul>
 * Stateless.
 */
final class StatusJson {
    private StatusJson() {
    }

    /**
     * Writes a status.
     *
     * @param route the route asked
     * @param status the status
     * @param fetchUrl the absolute URL of the download
     * @param details the vault and the cook times to read the details from, or empty for the reference's fields
     * @param cookTimes how long this process's cooks took
     * @return the document, in the calling thread's buffer
     */
    static JsonBody of(Route.Cook route, BundleStatus status, String fetchUrl, Optional<Vault> details,
            CookTimes cookTimes) {
        return JsonBody.reusing(g -> {
            Swhid swhid = status.swhid();
            g.writeStartObject();
            g.writeStringField("fetch_url", fetchUrl);
            g.writeStringField("progress_message", status.progressMessage().orElse(null));
            g.writeNumberField("id", status.id());
            g.writeStringField("status", status.state().apiName());
            g.writeStringField("swhid", swhid.toString());
            if (route.legacy()) {
                g.writeStringField("obj_type", swhid.type().modelName());
                g.writeStringField("obj_id", swhid.id().toString());
            }
            if (details.isPresent()) {
                details(g, details.get(), status, cookTimes);
            }
            g.writeEndObject();
        });
    }

    private static void details(JsonGenerator g, Vault vault, BundleStatus status, CookTimes cookTimes)
            throws IOException {
        Optional<CookProgress> progress = status.state() != RequestState.PENDING ? Optional.empty()
                : vault.progress(status.key())
                        .or(() -> status.progressMessage().flatMap(CookProgress::parse));
        if (progress.isPresent()) {
            g.writeObjectFieldStart("progress");
            g.writeStringField("phase", progress.get().phase());
            g.writeNumberField("done", progress.get().done());
            ServerDescription.writeNumberOrNull(g, "total", progress.get().total() < 0 ? null : progress.get().total());
            g.writeEndObject();
        } else {
            g.writeNullField("progress");
        }
        boolean done = status.state() == RequestState.DONE;
        ServerDescription.writeNumberOrNull(g, "bundle_size", done
                ? vault.stored(status.key()).map(i -> i.size()).orElse(null) : null);
        Optional<Duration> took = done ? cookTimes.of(status.key()) : Optional.empty();
        if (took.isPresent()) {
            g.writeNumberField("cooking_time", took.get().toMillis() / 1000.0);
        } else {
            g.writeNullField("cooking_time");
        }
        g.writeStringField("compression", status.key().compression().apiName());
        g.writeStringField("requested_at", status.created().toString());
        g.writeStringField("done_at", status.done().map(Instant::toString).orElse(null));
    }
}
