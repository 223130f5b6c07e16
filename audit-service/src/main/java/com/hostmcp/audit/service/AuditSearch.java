package com.hostmcp.audit.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.audit.AuditQuery;
import com.hostmcp.audit.StoredEntry;
import com.hostmcp.audit.repository.AuditLogRepository;
import com.hostmcp.audit.repository.AuditTransactions;

import io.smallrye.mutiny.Uni;

/** Pages of an organization's audit log, newest first, read in the organization's transaction (row-level security). */
@ApplicationScoped
public class AuditSearch {

    private final AuditTransactions transactions;
    private final AuditLogRepository auditLog;

    public AuditSearch(AuditTransactions transactions, AuditLogRepository auditLog) {
        this.transactions = transactions;
        this.auditLog = auditLog;
    }

    /** One page; {@code next} is the position to continue from, null on the last page. */
    public record Page(List<StoredEntry> entries, AuditQuery.Position next) {
    }

    public Uni<Page> search(AuditQuery query) {
        return transactions.inOrganization(query.organizationId(),
                tx -> auditLog.search(tx, query, query.limit() + 1)).map(rows -> {
                    if (rows.size() <= query.limit()) {
                        return new Page(rows, null);
                    }
                    List<StoredEntry> page = rows.subList(0, query.limit());
                    StoredEntry last = page.get(page.size() - 1);
                    return new Page(List.copyOf(page), new AuditQuery.Position(last.entry().occurredAt(),
                            last.entry().entryId()));
                });
    }
}
