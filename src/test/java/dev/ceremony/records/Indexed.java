package dev.ceremony.records;

import java.util.ArrayList;
import java.util.List;

/** The whole index of some records, for tests that look at every entry. */
public final class Indexed {

    private Indexed() {
    }

    public static List<IssuedEntry> all(CaRecords records) {
        List<IssuedEntry> entries = new ArrayList<>();
        records.forEachIssued(entries::add);
        return entries;
    }
}
