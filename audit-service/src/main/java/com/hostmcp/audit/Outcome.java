package com.hostmcp.audit;

/** How a tool call ended (the gateway's outcome): ran and succeeded, ran and failed, or was not run. */
public enum Outcome {
    SUCCESS,
    ERROR,
    REFUSED
}
