package org.swhvault.swhrpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * swh-core's {@code PagedResult} (extra type {@code paged_result}): one page of results and the token that asks
 * for the next one. Paginated endpoints return it; the caller passes {@link #nextPageToken()} back as
 * {@code page_token} until it is null.
 *
 * @param results the results of this page, unmodifiable (may hold nulls)
 * @param nextPageToken the opaque token of the next page, or null when this page is the last
 * @param totalResults how many results all pages hold, or null when the server does not say
 */
public record PagedResult(List<Object> results, Object nextPageToken, Long totalResults) {
    /** Validates the components. */
    public PagedResult {
        results = Collections.unmodifiableList(new ArrayList<>(requireNonNull(results, "results is null")));
    }

    /** The extra type, as swh-core writes it: {@code dataclasses.asdict} of the page. */
    static final ExtraType<PagedResult> TYPE = ExtraType.of("paged_result", PagedResult.class, PagedResult::toMap,
            PagedResult::fromMap);

    private Map<String, Object> toMap() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("results", results);
        d.put("next_page_token", nextPageToken);
        d.put("total_results", totalResults);
        return d;
    }

    private static PagedResult fromMap(Object payload) {
        Map<?, ?> d = (Map<?, ?>) payload;
        for (Object key : d.keySet()) {
            if (!List.of("results", "next_page_token", "total_results").contains(key)) {
                throw new IllegalArgumentException("a paged result has no field " + key);
            }
        }
        List<?> results = d.containsKey("results") ? (List<?>) d.get("results") : List.of();
        Object total = d.get("total_results");
        return new PagedResult(new ArrayList<>(results), d.get("next_page_token"),
                total == null ? null : ((Number) total).longValue());
    }
}
