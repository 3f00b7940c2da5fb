package dev.toolkit.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * The median and spread of a handful of measurements (rounds): minimum, lower quartile, median, upper quartile
 * and maximum, the quartiles interpolated linearly between the sorted values.
 *
 * @param min the smallest value
 * @param q1 the lower quartile
 * @param median the median
 * @param q3 the upper quartile
 * @param max the largest value
 */
public record Stats(double min, double q1, double median, double q3, double max) {

    /** The statistics of {@code values}, which must not be empty. */
    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Stats(sorted[0], quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75),
                sorted[sorted.length - 1]);
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
