package io.linkguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.remediation.HubLimits;
import org.junit.jupiter.api.Test;

class PublishedThrottlesTest {

    @Test
    void s2AndS3ScaleWithUnitsWhileFreeAndS1DoNotExceptForMethods() {
        HubLimits s1 = PublishedThrottles.forSku("h", "h.azure-devices.net", "s1", 10);
        assertThat(s1.twinReadsPerSecond()).isEqualTo(100);
        assertThat(s1.twinUpdatesPerSecond()).isEqualTo(50);
        assertThat(s1.methodUnitsPerSecond()).as("160 KB/s/unit in 4 KB units").isEqualTo(400);
        assertThat(s1.jobDeviceOpsPerSecond()).isEqualTo(10);

        HubLimits s2 = PublishedThrottles.forSku("h", "x", "S2", 15);
        assertThat(s2.twinReadsPerSecond()).as("max(100, 10/unit)").isEqualTo(150);
        assertThat(s2.twinUpdatesPerSecond()).as("max(50, 5/unit)").isEqualTo(75);
        assertThat(s2.jobDeviceOpsPerSecond()).as("max(10, 1/unit)").isEqualTo(15);

        HubLimits s3 = PublishedThrottles.forSku("h", "x", "S3", 3);
        assertThat(s3.twinReadsPerSecond()).isEqualTo(1500);
        assertThat(s3.methodUnitsPerSecond()).isEqualTo(18_000);
        assertThat(s3.maxActiveJobs()).isEqualTo(10);
    }

    @Test
    void unknownSkusAndZeroUnitsAreRefusedByName() {
        assertThatThrownBy(() -> PublishedThrottles.forSku("h", "x", "P1", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'P1'");
        assertThatThrownBy(() -> PublishedThrottles.forSku("h", "x", "S1", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("units");
    }
}
