package dev.vigil.scoring.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionTest {

    private static final List<String> FEATURES = List.of("failed_logins_1m", "distinct_users_5m",
            "failed_login_ratio_5m", "login_count_1h", "events_1m");

    private static Expression parse(String text) {
        return Expression.parse(text, FEATURES);
    }

    private static Map<String, Double> values(double failed, double users, double ratio) {
        Map<String, Double> values = new HashMap<>();
        values.put("failed_logins_1m", failed);
        values.put("distinct_users_5m", users);
        values.put("failed_login_ratio_5m", ratio);
        values.put("login_count_1h", 10.0);
        values.put("events_1m", 0.0);
        return values;
    }

    @Test
    void comparesFeaturesWithNumbers() {
        Expression rule = parse("failed_logins_1m > 50");

        assertThat(rule.test(values(51, 0, 0))).isTrue();
        assertThat(rule.test(values(50, 0, 0))).isFalse();
        assertThat(rule.features()).containsExactly("failed_logins_1m");
        assertThat(rule.firstLimit()).isEqualTo(50);
    }

    @Test
    void joinsConditionsWithAndOrNotInTheUsualPrecedence() {
        Expression rule = parse("distinct_users_5m > 20 and failed_login_ratio_5m >= 0.5 or not (login_count_1h < 100)");

        assertThat(rule.test(values(0, 21, 0.5))).isTrue();
        assertThat(rule.test(values(0, 21, 0.4))).isFalse();
        assertThat(rule.features()).containsExactly("distinct_users_5m", "failed_login_ratio_5m", "login_count_1h");
        assertThat(parse("NOT failed_logins_1m <= 3 AND events_1m == 0").test(values(4, 0, 0))).isTrue();
    }

    @Test
    void arithmeticAndFunctions() {
        assertThat(parse("failed_logins_1m * 2 + -distinct_users_5m / 4 >= 9").test(values(5, 4, 0))).isTrue();
        assertThat(parse("max(failed_logins_1m, distinct_users_5m, 3) == 7").test(values(7, 2, 0))).isTrue();
        assertThat(parse("abs(failed_logins_1m - 10) < 1e1").test(values(1, 0, 0))).isTrue();
        assertThat(parse("min(failed_logins_1m, 2.5) == 2.5").test(values(7, 0, 0))).isTrue();
    }

    @Test
    void divisionByZeroAndMissingFeaturesMakeEveryComparisonFalse() {
        assertThat(parse("failed_logins_1m / events_1m > 1").test(values(5, 0, 0))).isFalse();
        assertThat(parse("failed_logins_1m / events_1m <= 1").test(values(5, 0, 0))).isFalse();
        assertThat(parse("failed_logins_1m / events_1m != 1").test(values(5, 0, 0))).isFalse();
        assertThat(parse("failed_logins_1m > 1").test(Map.of())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a number is not a condition       | failed_logins_1m + 1                        | is a number, not a condition
            and between numbers               | failed_logins_1m and events_1m > 0          | 'and' joins conditions (comparisons), got a number
            comparing conditions              | (events_1m > 1) > 0                         | '>' needs numbers on both sides, got a condition
            an unknown feature, with a hint   | failed_login_1m > 50                        | unknown feature 'failed_login_1m' (did you mean 'failed_logins_1m'?) (column 1
            an unknown feature, no hint       | bitcoin_price > 50                          | unknown feature 'bitcoin_price' (column 1
            assignment                        | failed_logins_1m = 50                       | '=' is not a comparison: use '==' to compare (column 18
            C-style operators                 | events_1m > 0 && failed_logins_1m > 1       | '&' is not an operator here: write and, or, not
            unbalanced parenthesis            | (failed_logins_1m > 1                       | the condition ends where ')' was expected
            trailing garbage                  | failed_logins_1m > 1 2                      | unexpected '2' after a complete condition
            chained comparison                | 1 < failed_logins_1m < 5                    | unexpected '< 5' after a complete condition
            an unknown function               | sqrt(failed_logins_1m) > 1                  | 'sqrt(': there are no methods, fields or indexing here
            abs of two                        | abs(failed_logins_1m, 2) > 1                | abs takes one number
            empty                             | '   '                                       | a condition is required
            a dangling operator               | failed_logins_1m >                          | the condition ends where a number or a feature was expected
            """)
    void mistakesAreRefusedSayingWhatAndWhere(String what, String text, String reason) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(ExpressionException.class).hasMessageContaining(reason);
    }

    /**
     * What an attacker who can edit the detectors file would try, in Camel Simple, OGNL, SpEL, EL and JavaScript
     * syntax: every one is refused when the file is read, so nothing is ever run. (The language has no call, field,
     * string or class syntax at all; this pins that it stays so.)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SpEL type reference         | T(java.lang.Runtime).getRuntime().exec("touch /tmp/pwned") != 0 | 'T(': there are no methods, fields or indexing here
            OGNL static call            | @java.lang.Runtime@getRuntime().exec("id") == 0                 | unexpected '@'
            Camel Simple bean call      | ${bean:runtime?method=exec} > 0                                 | unexpected '$'
            Camel Simple body method    | body.getClass().forName("java.lang.Runtime") > 0                | 'body.': there are no methods, fields or indexing here
            EL method on a feature      | failed_logins_1m.toString().length() > 0                        | 'failed_logins_1m.': there are no methods
            JavaScript                  | this.constructor.constructor("return process")() > 0            | 'this.': there are no methods
            a string                    | "rm -rf /" == 0                                                 | unexpected '"'
            indexing                    | failed_logins_1m[0] > 1                                         | 'failed_logins_1m[': there are no methods
            """)
    void codeInAnyExpressionLanguageIsRefusedAtLoad(String what, String text, String reason) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(ExpressionException.class).hasMessageContaining(reason);
    }

    @Test
    void sizeAndNestingAreBounded() {
        assertThatThrownBy(() -> parse("failed_logins_1m > " + "1".repeat(Expression.MAX_LENGTH)))
                .hasMessageContaining("at most 500 characters");
        assertThatThrownBy(() -> parse("(".repeat(40) + "failed_logins_1m > 1" + ")".repeat(40)))
                .hasMessageContaining("nested more than 32 deep");
        assertThatThrownBy(() -> parse("-".repeat(40) + "failed_logins_1m > 1"))
                .hasMessageContaining("nested more than 32 deep");
        assertThatThrownBy(() -> parse("not ".repeat(40) + "failed_logins_1m > 1"))
                .hasMessageContaining("nested more than 32 deep");
    }
}
