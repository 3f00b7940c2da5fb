package dev.toolkit.testing.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Jazzer fuzz target: a {@link FuzzTest} whose run is checked by {@link FuzzRunCheck}.
 *
 * <p>By default (every build) the method runs once on the empty input and once on each file of its seed
 * corpus, {@code src/test/resources/<package>/<Class>Inputs/<method>/}, findings included. With
 * {@code JAZZER_FUZZ=1} (the build's {@code -Dtoolkit.fuzz=SECONDS}) Jazzer fuzzes it for that long and writes
 * a failing input into that same directory. Jazzer fuzzes only the first fuzz test of a JVM, so each target
 * gets a class and a Surefire execution of its own. The method takes a {@code byte[]} and hands it to
 * {@link Fuzzing#exercise}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FuzzRunCheck.class)
@FuzzTest
public @interface FuzzTarget {
}
