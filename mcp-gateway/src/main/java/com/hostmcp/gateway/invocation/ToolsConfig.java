package com.hostmcp.gateway.invocation;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** {@code gateway.tools.*}: settings of the tool invocation pipeline. */
@ConfigMapping(prefix = "gateway.tools")
public interface ToolsConfig {

    /**
     * Secret that signs page cursors (at least 32 characters; env GATEWAY_CURSOR_SECRET). Without it each replica makes
     * a random one at start, so cursors do not survive a restart or move between replicas (MCP sessions are
     * sticky, so that is only a nuisance).
     */
    Optional<String> cursorSecret();
}
