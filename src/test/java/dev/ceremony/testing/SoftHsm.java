package dev.ceremony.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class fresh SoftHSM2 tokens in a token directory of its own. Each label is
 * initialised before the class's JVM first loads the library (Surefire forks one JVM per class).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SoftHsmExtension.class)
public @interface SoftHsm {

    /** Labels of the tokens to initialise; the first is the one {@link TestToken} describes. */
    String[] labels() default {"ceremony-test"};
}
