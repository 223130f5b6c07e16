package com.hostmcp.audit.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.hostmcp.audit.DailyUsage;
import com.hostmcp.audit.ListingCount;
import com.hostmcp.audit.UsageCounts;
import com.hostmcp.audit.repository.AuditTransactions;
import com.hostmcp.audit.repository.UsageRepository;

import io.smallrye.mutiny.Uni;

/** An organization's usage from the rollups, read in the organization's transaction (row-level security). */
@ApplicationScoped
public class UsageService {

    private final AuditTransactions transactions;
    private final UsageRepository usage;

    public UsageService(AuditTransactions transactions, UsageRepository usage) {
        this.transactions = transactions;
        this.usage = usage;
    }

    /** The current UTC month so far: totals over all tools, per tool, and the latest listing count. */
    public record Summary(YearMonth month, LocalDate from, LocalDate through, UsageCounts total,
            List<UsageCounts> tools, Optional<ListingCount> listingCount) {
    }

    public Uni<Summary> monthToDate(UUID organizationId) {
        LocalDate today = LocalDate.now(Clock.systemUTC());
        YearMonth month = YearMonth.from(today);
        LocalDate from = month.atDay(1);
        return transactions.inOrganization(organizationId, tx -> usage.totals(tx, organizationId, from, today)
                .flatMap(totals -> usage.listingCount(tx, organizationId).map(listings -> {
                    UsageCounts all = totals.stream().filter(t -> UsageCounts.ALL_TOOLS.equals(t.tool())).findFirst()
                            .orElse(new UsageCounts(UsageCounts.ALL_TOOLS, 0, 0, 0, 0));
                    List<UsageCounts> tools = totals.stream()
                            .filter(t -> !UsageCounts.ALL_TOOLS.equals(t.tool())).toList();
                    return new Summary(month, from, today, all, tools, listings);
                })));
    }

    /** The last {@code days} UTC days up to today, oldest first; over all tools or for one. */
    public Uni<List<DailyUsage>> daily(UUID organizationId, int days, String tool) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return transactions.inOrganization(organizationId, tx -> usage.daily(tx, organizationId,
                today.minusDays(days - 1L), today, tool == null ? UsageCounts.ALL_TOOLS : tool));
    }
}
