package org.testtelemetry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The time rules, on a clock the test moves by hand. */
class DeliveryBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private DeliveryBudget budget(long ms, boolean reserve) {
        return DeliveryBudget.of(Duration.ofMillis(ms), reserve, now::get);
    }

    private void advance(long ms) {
        now.addAndGet(ms * 1_000_000);
    }

    @Test
    void replayGetsHalfAndTheRunsOwnReportTheRest() {
        DeliveryBudget budget = budget(3000, true);
        assertThat(budget.remaining(true)).isEqualTo(Duration.ofMillis(1500));
        assertThat(budget.remaining(false)).isEqualTo(Duration.ofMillis(3000));
        advance(1480);
        assertThat(budget.canAttempt(true)).isFalse();
        assertThat(budget.canAttempt(false)).isTrue();
        advance(1500);
        assertThat(budget.canAttempt(false)).isFalse();
        assertThat(budget.remaining(false)).isEqualTo(Duration.ofMillis(20));
        advance(100);
        assertThat(budget.remaining(false)).isEqualTo(Duration.ZERO);
    }

    @Test
    void aRunsBudgetCountsFromWhereItsEndBeganNotFromWhereTheHttpWriterIs() {
        long began = System.nanoTime() - Duration.ofMillis(700).toNanos();
        DeliveryBudget budget = DeliveryBudget.forRun(Duration.ofSeconds(1), began);
        assertThat(budget.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(budget.remaining(false)).isLessThanOrEqualTo(Duration.ofMillis(300));
        assertThat(budget.canAttempt(true)).as("replay's half is gone").isFalse();
        assertThat(DeliveryBudget.forRun(Duration.ofSeconds(1), System.nanoTime() - Duration.ofSeconds(2).toNanos())
                .canAttempt(false)).isFalse();
        assertThat(DeliveryBudget.forFlush(Duration.ofSeconds(1), null).remaining(true))
                .as("without a start: from now").isGreaterThan(Duration.ofMillis(900));
    }

    @Test
    void flushMayUseTheWholeBudgetForQueuedReports() {
        assertThat(budget(3000, false).remaining(true)).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void backoffDoublesUpToItsCapAndAttemptsAreBounded() {
        DeliveryBudget budget = budget(60_000, false);
        assertThat(budget.retryDelay(false, 1, null)).contains(Duration.ofMillis(100));
        assertThat(budget.retryDelay(false, 2, null)).contains(Duration.ofMillis(200));
        assertThat(budget.retryDelay(false, 3, null)).contains(Duration.ofMillis(400));
        assertThat(budget.retryDelay(false, DeliveryBudget.MAX_ATTEMPTS, null)).isEmpty();
        assertThat(DeliveryBudget.backoff(30)).isEqualTo(DeliveryBudget.MAX_BACKOFF);
    }

    @Test
    void retryAfterReplacesBackoffOnlyWhenItFitsTheBudget() {
        DeliveryBudget budget = budget(3000, false);
        assertThat(budget.retryDelay(false, 1, Duration.ofSeconds(2))).contains(Duration.ofSeconds(2));
        assertThat(budget.retryDelay(false, 1, Duration.ofSeconds(3))).isEmpty();
        advance(2900);
        assertThat(budget.retryDelay(false, 1, null)).as("no time for the attempt after the wait").isEmpty();
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertThat(ReportSender.retryAfter("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ReportSender.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        assertThat(ReportSender.retryAfter("-1")).isNull();
        assertThat(ReportSender.retryAfter("soon")).isNull();
        assertThat(ReportSender.retryAfter(null)).isNull();
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)
                .plusSeconds(10));
        assertThat(ReportSender.retryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusDays(1));
        assertThat(ReportSender.retryAfter(past)).isEqualTo(Duration.ZERO);
    }

    @Test
    void describesTheBudgetAsUsersWriteIt() {
        assertThat(budget(3000, true).describe()).isEqualTo("3 s");
        assertThat(budget(500, true).describe()).isEqualTo("500 ms");
    }
}
