package com.hostmcp.gateway.tools.finance;

/** What the summary needs of a Hostaway listing: id, name, currency ({@code currencyCode}) and the archived state. */
record SummaryListing(long id, String name, String currency, boolean archived) {
}
