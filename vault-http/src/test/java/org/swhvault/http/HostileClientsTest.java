package org.swhvault.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swhvault.core.VaultListener;
import org.swhvault.spi.cook.BundleType;
import org.swhvault.testing.cook.TestCooker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that hold connections open, trickle or send oversized or malformed requests, over real sockets on
 * loopback: the server keeps answering the others, and refuses each with the reference's JSON error shape.
 */
class HostileClientsTest extends OverTestRepo {
    private static final Duration IDLE = Duration.ofSeconds(2);

    private Served served;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        served = Served.over(repo, tmp.resolve("store"), List.of(TestCooker.of(BundleType.FLAT, 10)),
                new VaultListener() { }, b -> b.idleTimeout(IDLE));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        served.close();
    }

    @Test
    void twoHundredIdleOrTricklingConnectionsDoNotStopTheOthers() throws Exception {
        for (int i = 0; i < 200; i++) {
            Socket s = open();
            s.getOutputStream().write(("GET /api/1/vault/flat/" + repo.tree + "/ HTTP/1.1\r\nHost: x\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 200; i += 2) { // half of them trickle a header now and then
                try {
                    sockets.get(i).getOutputStream().write(("X-Slow-" + round + ": 1\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByTheServer) {
                    // fine: it gave up on them
                }
            }
            long start = System.nanoTime();
            Served.Answer status = served.get("/api/1/vault/flat/" + repo.tree + "/");
            assertThat(status.status()).isEqualTo(404);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a status answered among 200 slow clients")
                    .isLessThan(Duration.ofSeconds(5));
            Thread.sleep(500);
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        Socket s = open();
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        s.setSoTimeout((int) IDLE.multipliedBy(5).toMillis());
        long start = System.nanoTime();
        InputStream in = s.getInputStream();
        in.readAllBytes(); // returns when the server closes (after a 408 or 400 answer); throws on the 10 s timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE.minusMillis(200));
    }

    @Test
    void anOversizedRequestLineIs414WithTheJsonErrorShape() throws Exception {
        Raw r = send("GET /api/1/vault/flat/swh:1:dir:" + "a".repeat(1 << 20) + "/ HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isEqualTo(414);
        assertThat(r.json().get("exception").asText()).isEqualTo("URITooLong");
    }

    @Test
    void anOversizedHeaderOrTooManyHeadersAre431() throws Exception {
        Raw big = send("GET /api/1/vault/flat/" + repo.tree + "/ HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(1 << 20)
                + "\r\n\r\n");
        assertThat(big.status()).isEqualTo(431);
        assertThat(big.json().get("exception").asText()).isEqualTo("RequestHeaderFieldsTooLarge");
        StringBuilder many = new StringBuilder("GET /api/1/vault/flat/" + repo.tree + "/ HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 10_000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        Raw lots = send(many.append("\r\n").toString());
        assertThat(lots.status()).isEqualTo(431);
        assertThat(lots.json().has("reason")).isTrue();
    }

    @Test
    void aBadPercentEscapeOrABackslashIs400JsonNotAnHtmlPage() throws Exception {
        for (String path : List.of("/api/1/vault/flat/swh:1:dir:%GZ/", "/api/1/vault/flat/swh:1:dir:a\\b/")) {
            Raw r = send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.headers()).as(path).containsIgnoringCase("Content-Type: application/json");
            assertThat(r.json().get("reason").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void aBodyShorterThanItsLengthOrABadChunkEndsWith400AfterTheReadTimeout() throws Exception {
        String path = "/api/1/vault/flat/" + repo.tree + "/";
        Raw shortBody = send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nContent-Length: 100\r\n\r\nemail=a");
        assertThat(shortBody.status()).isEqualTo(400);
        Raw badChunk = send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nemail=a\r\n0\r\n\r\n");
        assertThat(badChunk.status()).isEqualTo(400);
    }

    @Test
    void statusLinesCarryTheStandardReasonPhrases() throws Exception {
        Raw redirect = send("GET /api/1/vault/directory/" + repo.tree.id() + "/raw/ HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(redirect.headers()).startsWith("HTTP/1.1 302 Found");
        served.post("/api/1/vault/flat/" + repo.tree + "/");
        served.awaitFinal("/api/1/vault/flat/" + repo.tree + "/");
        Raw range = send("GET /api/1/vault/flat/" + repo.tree + "/raw/ HTTP/1.1\r\nHost: x\r\nRange: bytes=999999-"
                + "\r\n\r\n");
        assertThat(range.headers()).startsWith("HTTP/1.1 416 Range Not Satisfiable");
        try (Served limited = Served.over(repo, tmp.resolve("limited"), List.of(TestCooker.of(BundleType.FLAT, 10)), new VaultListener() { }, b -> b.rateLimit(new RateLimit(1, Duration.ofHours(1))))) {
            limited.get("/api/1/vault/flat/" + repo.tree + "/");
            Socket s = new Socket(limited.uri.getHost(), limited.uri.getPort());
            sockets.add(s);
            s.getOutputStream().write(("GET /api/1/vault/flat/" + repo.tree + "/ HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 429 Too Many Requests");
        }
    }

    private Socket open() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(served.uri.getHost(), served.uri.getPort()), 5000);
        sockets.add(s);
        return s;
    }

    /** An answer read off the socket: the status line and headers, and the body up to the close or its length. */
    record Raw(int status, String headers, String body) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(body);
        }
    }

    private Raw send(String request) throws IOException {
        Socket s = open();
        s.setSoTimeout((int) IDLE.multipliedBy(10).toMillis());
        OutputStream out = s.getOutputStream();
        try {
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException resetWhileSending) {
            // the server may answer and close before reading all of an oversized request
        }
        byte[] all = readAnswer(s.getInputStream());
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer: %s", text).isPositive();
        String head = text.substring(0, end);
        String body = text.substring(end + 4);
        int length = head.toLowerCase().indexOf("content-length: ");
        if (length >= 0) {
            int n = Integer.parseInt(head.substring(length + 16).split("\r\n")[0].strip());
            body = body.substring(0, Math.min(n, body.length()));
        }
        return new Raw(Integer.parseInt(head.substring(9, 12)), head, body);
    }

    /** Reads until the server closes, or until a complete answer with a Content-Length arrived. */
    private static byte[] readAnswer(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException reset) {
                break;
            }
            if (n < 0) {
                break;
            }
            bytes.write(buffer, 0, n);
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            int at = text.toLowerCase().indexOf("content-length: ");
            if (end > 0 && at >= 0 && at < end) {
                int length = Integer.parseInt(text.substring(at + 16).split("\r\n")[0].strip());
                if (bytes.size() >= end + 4 + length) {
                    break;
                }
            }
        }
        return bytes.toByteArray();
    }
}
