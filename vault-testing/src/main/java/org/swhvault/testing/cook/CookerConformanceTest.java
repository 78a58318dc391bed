package org.swhvault.testing.cook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.swhvault.spi.ErrorCode;
import org.swhvault.spi.VaultException;
import org.swhvault.spi.cook.CookContext;
import org.swhvault.spi.cook.Cooker;
import org.swhvault.spi.model.ObjectId;
import org.swhvault.spi.source.ObjectSource;
import org.swhvault.spi.swhid.ObjectType;
import org.swhvault.spi.swhid.Swhid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JUnit 5 suite every {@link Cooker} passes, whatever its bundle format: a subclass gives the cooker, a
 * source and objects of the source the cooker accepts; the suite checks the contract of {@link Cooker#cook}
 * (reproducible bytes, the error codes it promises, cancellation, failures of the output stream passed on,
 * sane progress). Checking the bundle's content against an oracle is the subclass's own business.
 */
public abstract class CookerConformanceTest {
    /** Returns the cooker under test. */
    protected abstract Cooker cooker();

    /** Returns the source the objects are read from. */
    protected abstract ObjectSource source();

    /** Returns objects of {@link #source()} the cooker accepts, at least one. */
    protected abstract List<Swhid> cookable();

    /** Returns objects of {@link #source()} whose types the cooker refuses (possibly none). */
    protected abstract List<Swhid> refused();

    @Test
    void cookingTheSameObjectTwiceGivesTheSameBytes() throws IOException {
        for (Swhid swhid : cookable()) {
            byte[] first = cook(swhid, CookContext.silent());
            assertThat(first).as("bundle of %s", swhid).isNotEmpty();
            assertThat(cook(swhid, CookContext.silent())).as("bundle of %s, cooked again", swhid).isEqualTo(first);
        }
    }

    @Test
    void theCookableObjectsAreOfTypesTheCookerDeclares() {
        assertThat(cookable()).isNotEmpty();
        for (Swhid swhid : cookable()) {
            assertThat(cooker().objectTypes()).contains(swhid.type());
        }
        for (Swhid swhid : refused()) {
            assertThat(cooker().objectTypes()).doesNotContain(swhid.type());
        }
    }

    @Test
    void aRefusedTypeIsUnsupported() {
        for (Swhid swhid : refused()) {
            assertThatThrownBy(() -> cook(swhid, CookContext.silent())).as("%s", swhid)
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
        }
    }

    @Test
    void aMissingObjectIsNotFound() {
        for (ObjectType type : cooker().objectTypes()) {
            Swhid missing = Swhid.of(type, ObjectId.fromHex("0123456789abcdef0123456789abcdef01234567"));
            assertThatThrownBy(() -> cook(missing, CookContext.silent())).as("%s", missing)
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
        }
    }

    @Test
    void aCancelledCookStopsWithCancelled() {
        CookContext cancelled = new CookContext() {
            @Override
            public void progress(String message, long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThatThrownBy(() -> cook(cookable().get(0), cancelled))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
    }

    @Test
    void aFailingOutputStreamFailsTheCook() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        assertThatThrownBy(() -> cooker().cook(cookable().get(0), source(), broken, CookContext.silent()))
                .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(IOException.class),
                        e -> assertThat(e).hasRootCauseInstanceOf(IOException.class));
    }

    @Test
    void progressIsReportedAndNeverPastItsTotal() throws IOException {
        List<String> problems = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        CookContext watching = new CookContext() {
            @Override
            public void progress(String message, long done, long total) {
                calls.incrementAndGet();
                if (message == null || message.isBlank()) {
                    problems.add("an empty message");
                }
                if (total > 0 && (done < 0 || done > total)) {
                    problems.add(message + ": " + done + " of " + total);
                }
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        cook(cookable().get(0), watching);
        assertThat(calls.get()).as("progress reports").isPositive();
        assertThat(problems).isEmpty();
    }

    private byte[] cook(Swhid swhid, CookContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cooker().cook(swhid, source(), out, context);
        return out.toByteArray();
    }
}
