package com.hostmcp.audit.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.hostmcp.audit.DailyUsage;
import com.hostmcp.audit.UsageCounts;
import com.hostmcp.audit.service.UsageService;
import com.hostmcp.audit.service.UsageService.Summary;
import com.hostmcp.rest.PathIds;

import io.smallrye.mutiny.Uni;

/** An organization's usage for dashboard-api: month to date, and a daily series. */
@Path("/internal/organizations/{organizationId}/usage")
@RolesAllowed("audit-api")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    /** The longest daily series (about the retention of the raw log). */
    static final int MAX_DAYS = 400;

    private final UsageService usage;

    public UsageResource(UsageService usage) {
        this.usage = usage;
    }

    /** Calls of one tool, or over all tools. errorRate = errors / requests (refused calls are not errors). */
    public record ToolUsageView(String tool, long requests, long errors, long refused, double errorRate) {

        static ToolUsageView of(UsageCounts counts) {
            return new ToolUsageView(UsageCounts.ALL_TOOLS.equals(counts.tool()) ? null : counts.tool(),
                    counts.requests(), counts.errors(), counts.refused(), counts.errorRate());
        }
    }

    public record ListingCountView(int activeListings, int totalListings, Instant syncedAt) {
    }

    /** The current UTC month from its first day through today. */
    public record SummaryView(String month, LocalDate from, LocalDate through, long requests, long errors, long refused,
            double errorRate, List<ToolUsageView> tools, ListingCountView listings) {

        static SummaryView of(Summary summary) {
            UsageCounts total = summary.total();
            return new SummaryView(summary.month().toString(), summary.from(), summary.through(), total.requests(),
                    total.errors(), total.refused(), total.errorRate(),
                    summary.tools().stream().map(ToolUsageView::of).toList(),
                    summary.listingCount().map(c -> new ListingCountView(c.activeListings(), c.totalListings(),
                            c.syncedAt())).orElse(null));
        }
    }

    /** One UTC day; p50Ms/p95Ms are null without calls or until first computed (within a refresh interval). */
    public record DayView(LocalDate date, long requests, long errors, long refused, Double p50Ms, Double p95Ms,
            boolean percentilesCurrent) {

        static DayView of(DailyUsage day) {
            return new DayView(day.day(), day.requests(), day.errors(), day.refused(), day.p50Ms(), day.p95Ms(),
                    day.percentilesCurrent());
        }
    }

    public record DailySeriesView(String tool, int days, List<DayView> series) {
    }

    @GET
    @Path("summary")
    public Uni<SummaryView> summary(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId) {
        return usage.monthToDate(PathIds.parse(organizationId)).map(SummaryView::of);
    }

    /** The last {@code days} UTC days through today, oldest first, days without calls as zeros. */
    @GET
    @Path("daily")
    public Uni<DailySeriesView> daily(
            @PathParam("organizationId") @Pattern(regexp = PathIds.PATTERN, message = PathIds.MESSAGE) String organizationId,
            @QueryParam("days") @DefaultValue("30") @Pattern(regexp = "[0-9]{1,9}", message = "must be a number") String days,
            @QueryParam("tool") @Size(min = 1, max = 128) String tool) {
        int count = QueryNumbers.inRange("days", days, 1, MAX_DAYS);
        return usage.daily(PathIds.parse(organizationId), count, tool)
                .map(series -> new DailySeriesView(tool, count, series.stream().map(DayView::of).toList()));
    }
}
