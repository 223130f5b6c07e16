package com.hostmcp.dashboard.service;

/** A request the dashboard refuses itself, with a detail written for the user (RFC 9457 in the REST layer). */
public class DashboardProblem extends RuntimeException {

    private final int status;
    private final String title;

    private DashboardProblem(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public static DashboardProblem forbidden(String detail) {
        return new DashboardProblem(403, "Forbidden", detail);
    }

    public static DashboardProblem notFound(String detail) {
        return new DashboardProblem(404, "Not found", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
