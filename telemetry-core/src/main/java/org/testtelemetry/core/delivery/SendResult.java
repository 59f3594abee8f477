package org.testtelemetry.core.delivery;

/**
 * How sending one report ended.
 *
 * @param delivered  the platform answered 2xx
 * @param failure    why not, for the one line (null when delivered), e.g. "connection refused" or
 *                   "HTTP 400 Bad Request: missing field metrics"
 * @param rejected   the platform answered, but refused this report (a 4xx about the report itself): other queued
 *                   reports may still be sent; otherwise the platform is unreachable or unwell and replay stops
 * @param attempts   requests made, redirects included
 */
record SendResult(boolean delivered, String failure, boolean rejected, int attempts) {

    static SendResult ok(int attempts) {
        return new SendResult(true, null, false, attempts);
    }

    static SendResult failed(String failure, boolean rejected, int attempts) {
        return new SendResult(false, failure, rejected, attempts);
    }
}
