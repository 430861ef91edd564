package dsmart.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OptimizerInternalErrorTest {

    @Test
    void theOptimizersInternalErrorIsRecognisedAnywhereInTheCauses() {
        RuntimeException wrapped = new RuntimeException("mart.ar_ledger failed",
                new IllegalStateException("[INTERNAL_ERROR] The Spark SQL phase optimization failed with an internal error. You hit a bug"));

        assertThat(Transforms.isOptimizerInternalError(wrapped)).isTrue();
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertThat(Transforms.isOptimizerInternalError(new TransformException("mart.x failed its data checks, not published", null))).isFalse();
        assertThat(Transforms.isOptimizerInternalError(new IllegalStateException("[INTERNAL_ERROR] The Spark SQL phase analysis failed"))).isFalse();
        assertThat(Transforms.isOptimizerInternalError(new RuntimeException((String) null))).isFalse();
    }
}
