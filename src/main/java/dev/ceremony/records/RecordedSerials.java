package dev.ceremony.records;

import dev.ceremony.pki.SerialSource;
import java.math.BigInteger;
import java.util.Objects;

/** Fresh serials that the records have never seen: a random draw that collides is drawn again. */
public final class RecordedSerials implements SerialSource {

    private static final int MAX_DRAWS = 8;

    private final SerialSource random;
    private final CaRecords records;

    public RecordedSerials(SerialSource random, CaRecords records) {
        this.random = Objects.requireNonNull(random, "random");
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public BigInteger next() {
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            BigInteger serial = random.next();
            if (!records.serialUsed(serial)) {
                return serial;
            }
        }
        throw new RecordsException(MAX_DRAWS + " random serials in a row were already used: the RNG cannot be trusted");
    }
}
