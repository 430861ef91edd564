package dsmart.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiLoadTest {
    private static ApiLoad.Sample ok(String endpoint, long ms) {
        return new ApiLoad.Sample(endpoint, ms * 1_000_000L, 200, null);
    }

    private static ApiLoad.Sample failed(String endpoint, long ms, int status) {
        return new ApiLoad.Sample(endpoint, ms * 1_000_000L, status, "HTTP " + status);
    }

    @Test
    void percentilesAreNearestRankOverTheSortedLatencies() {
        // sorted: 1 2 3 5 7 8 9; p50 rank ceil(3.5) = 4 -> 5; p95 rank ceil(6.65) = 7 -> 9; p99 rank ceil(6.93) = 7 -> 9
        List<ApiLoad.Sample> samples = List.of(ok("a", 5), ok("a", 1), ok("a", 9), ok("a", 3), ok("a", 7), ok("a", 2), ok("a", 8));

        ApiLoad.Summary summary = ApiLoad.Summary.of(samples);

        assertThat(summary).isEqualTo(new ApiLoad.Summary(7, 7, 0, 5.0, 9.0, 9.0, 9.0));
    }

    @Test
    void percentilesOfTwentyLatenciesPickTheTenthNineteenthAndTwentieth() {
        // 1..20 ms in reverse: p50 rank 10 -> 10; p95 rank 19 -> 19; p99 rank ceil(19.8) = 20 -> 20
        List<ApiLoad.Sample> samples = java.util.stream.LongStream.rangeClosed(1, 20).map(i -> 21 - i)
                .mapToObj(ms -> ok("a", ms)).toList();

        ApiLoad.Summary summary = ApiLoad.Summary.of(samples);

        assertThat(summary).isEqualTo(new ApiLoad.Summary(20, 20, 0, 10.0, 19.0, 20.0, 20.0));
    }

    @Test
    void everyRequestNotAnswered200IsAFailureAndItsLatencyCounts() {
        List<ApiLoad.Sample> samples = List.of(ok("a", 4), failed("a", 40, 500), new ApiLoad.Sample("a", 2_000_000L, -1, "refused"),
                ok("a", 6));

        ApiLoad.Summary summary = ApiLoad.Summary.of(samples);

        // sorted: 2 4 6 40; p50 rank 2 -> 4; p95 and p99 rank 4 -> 40
        assertThat(summary).isEqualTo(new ApiLoad.Summary(4, 2, 2, 4.0, 40.0, 40.0, 40.0));
    }

    @Test
    void noSamplesSummarizeToZeros() {
        assertThat(ApiLoad.Summary.of(List.of())).isEqualTo(new ApiLoad.Summary(0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void anEndpointsSummaryCountsOnlyItsOwnRequests() {
        ApiLoad.Result result = new ApiLoad.Result(10, Duration.ofSeconds(1),
                List.of(ok("a", 1), ok("b", 100), ok("a", 3), failed("b", 200, 403), ok("a", 2)));

        // a: sorted 1 2 3; p50 rank 2 -> 2; p95, p99 rank 3 -> 3
        assertThat(result.summary("a")).isEqualTo(new ApiLoad.Summary(3, 3, 0, 2.0, 3.0, 3.0, 3.0));
    }

    @Test
    void theFirstErrorNamesTheEndpointOfTheFirstFailure() {
        ApiLoad.Result result = new ApiLoad.Result(10, Duration.ofSeconds(1), List.of(ok("a", 1), failed("b", 2, 403), failed("a", 3, 500)));

        assertThat(result.firstError()).isEqualTo("b: HTTP 403");
    }
}
