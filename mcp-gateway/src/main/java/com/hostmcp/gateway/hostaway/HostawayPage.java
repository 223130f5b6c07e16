package com.hostmcp.gateway.hostaway;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** One page of a Hostaway list endpoint: {@code result} and {@code count}, the number of records matching the filters. */
public record HostawayPage(ArrayNode result, int count, Integer limit, Integer offset) {
}
