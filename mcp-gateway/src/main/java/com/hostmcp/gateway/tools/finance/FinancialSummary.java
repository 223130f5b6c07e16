package com.hostmcp.gateway.tools.finance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The figures of a period: one row per listing and currency, totals per currency (amounts of different currencies are
 * never added), nights over all rows, and how many overlapping reservations did not count, by status.
 */
record FinancialSummary(SummaryPeriod period, String currencyFilter, List<ListingFigures> listings,
        List<CurrencyTotals> totals, Overall overall, Map<String, Integer> excludedByStatus) {

    /** Money and nights of a listing or a currency total. Amounts are already rounded to 2 decimals. */
    record Figures(BigDecimal revenue, BigDecimal cleaningFees, BigDecimal totalPrice, int nightsSold,
            int ownerStayNights, int nightsAvailable, int reservations) {

        /** Average daily rate: revenue / nights sold, 2 decimals half-up; null without a night sold. */
        BigDecimal adr() {
            return nightsSold == 0 ? null
                    : revenue.divide(BigDecimal.valueOf(nightsSold), FinancialSummaryCalculator.MONEY_SCALE,
                            RoundingMode.HALF_UP);
        }

        BigDecimal occupancy() {
            return FinancialSummary.occupancy(nightsSold, nightsAvailable);
        }
    }

    record ListingFigures(long listingId, String listingName, boolean archived, String currency, Figures figures) {
    }

    /** {@code listings}: how many listing rows the totals add up. */
    record CurrencyTotals(String currency, int listings, Figures figures) {
    }

    /** Nights over every row, whatever the currency; each listing's available nights count once. */
    record Overall(int listings, int nightsSold, int ownerStayNights, int nightsAvailable, int reservations) {

        BigDecimal occupancy() {
            return FinancialSummary.occupancy(nightsSold, nightsAvailable);
        }
    }

    /** Nights sold / nights available as a fraction, 4 decimals half-up; null without an available night. */
    static BigDecimal occupancy(int nightsSold, int nightsAvailable) {
        return nightsAvailable == 0 ? null
                : BigDecimal.valueOf(nightsSold).divide(BigDecimal.valueOf(nightsAvailable),
                        FinancialSummaryCalculator.OCCUPANCY_SCALE, RoundingMode.HALF_UP);
    }
}
