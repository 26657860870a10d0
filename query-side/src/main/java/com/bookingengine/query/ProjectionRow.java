package com.bookingengine.query;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * A read-model row whose id the event gives (never generated). Saving a row made from a creation event inserts it
 * at once: without this, Spring Data cannot tell a new row with an assigned id from a stored one and merges it, one
 * {@code SELECT} per event before the {@code INSERT}, which is most of a replay's database round trips.
 */
@MappedSuperclass
public abstract class ProjectionRow implements Persistable<String> {

    @Transient
    private boolean created;

    /** For the rows made from a creation event: the next save inserts. Rows read back are not new. */
    protected ProjectionRow(boolean created) {
        this.created = created;
    }

    @Override
    public boolean isNew() {
        return created;
    }

    /**
     * Not new once handed to the persistence context (before its {@code INSERT} runs at the flush): a later save or
     * delete of the same row in the same batch must treat it as stored, or Spring Data would skip the delete.
     */
    @PostLoad
    @PrePersist
    void stored() {
        created = false;
    }
}
