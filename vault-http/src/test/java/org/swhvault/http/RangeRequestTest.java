package org.swhvault.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RangeRequestTest {
    private static RangeRequest r(String header, long size) {
        return RangeRequest.resolve(header, size);
    }

    @Test
    void theThreeFormsOfASingleRange() {
        assertThat(r("bytes=0-9", 100)).isEqualTo(new RangeRequest.Part(0, 10));
        assertThat(r("bytes=90-", 100)).isEqualTo(new RangeRequest.Part(90, 10));
        assertThat(r("bytes=-15", 100)).isEqualTo(new RangeRequest.Part(85, 15));
    }

    @Test
    void rangesPastTheEndAreCut() {
        assertThat(r("bytes=50-1000", 100)).isEqualTo(new RangeRequest.Part(50, 50));
        assertThat(r("bytes=-1000", 100)).isEqualTo(new RangeRequest.Part(0, 100));
        assertThat(r("bytes=0-99999999999999999999999", 100)).isEqualTo(new RangeRequest.Part(0, 100));
    }

    @Test
    void rangesWithNoByteInsideAreUnsatisfiable() {
        assertThat(r("bytes=100-", 100)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(r("bytes=100-200", 100)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(r("bytes=-0", 100)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(r("bytes=0-", 0)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(r("bytes=-5", 0)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(r("bytes=99999999999999999999999-", 100)).isInstanceOf(RangeRequest.Unsatisfiable.class);
    }

    @Test
    void headersThisServerDoesNotServeAreIgnored() {
        for (String h : new String[] {"items=0-1", "bytes=0-1,5-6", "bytes=5-1", "bytes=a-b", "bytes=", "bytes",
                "bytes=--1", "bytes=1"}) {
            assertThat(r(h, 100)).as(h).isInstanceOf(RangeRequest.Whole.class);
        }
        assertThat(r(null, 100)).isInstanceOf(RangeRequest.Whole.class);
    }

    @Test
    void unitAndSpacesAreLenient() {
        assertThat(r(" Bytes = 1 - 2 ", 100)).isEqualTo(new RangeRequest.Part(1, 2));
        assertThat(((RangeRequest.Part) r("bytes=3-7", 100)).last()).isEqualTo(7);
    }
}
