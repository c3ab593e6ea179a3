package dev.vigil.scoring.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A rule's condition in Vigil's own small language: arithmetic and comparisons over feature names, joined by
 * {@code and}, {@code or}, {@code not}, e.g. {@code failed_logins_1m > 50} or
 * {@code distinct_users_5m > 20 and failed_login_ratio_5m >= 0.5}.
 * <pre>
 *   condition  := or
 *   or         := and ("or" and)*
 *   and        := not ("and" not)*
 *   not        := "not" not | comparison
 *   comparison := sum (("&gt;" | "&gt;=" | "&lt;" | "&lt;=" | "==" | "!=") sum)?
 *   sum        := product (("+" | "-") product)*
 *   product    := unary (("*" | "/") unary)*
 *   unary      := "-" unary | primary
 *   primary    := number | feature | "(" condition ")" | ("min" | "max" | "abs") "(" sum ("," sum)* ")"
 * </pre>
 * It is safe by construction: the parser knows numbers, the feature names it is given and the three functions
 * above, nothing else, and evaluation is arithmetic over a map of doubles. There are no strings, no method calls, no
 * property access, no variables but features, no loops: a condition cannot reach a class, a file or the network,
 * and always ends. Types are checked when it is parsed: the whole must be true or false, and {@code and}, {@code or},
 * {@code not} join comparisons, not numbers. A division by zero gives NaN, and a comparison with NaN is false.
 * Immutable and thread-safe.
 */
public final class Expression {

    /** Longest condition accepted, in characters. */
    public static final int MAX_LENGTH = 500;
    private static final int MAX_DEPTH = 32;
    private static final Set<String> WORDS = Set.of("and", "or", "not");
    private static final Set<String> FUNCTIONS = Set.of("min", "max", "abs");

    private final String text;
    private final Node root;
    private final List<String> features;

    private Expression(String text, Node root, List<String> features) {
        this.text = text;
        this.root = root;
        this.features = features;
    }

    /**
     * Parses and checks a condition.
     *
     * @param known the feature names it may use
     * @throws ExpressionException saying what is wrong and at which column (1-based)
     */
    public static Expression parse(String text, Collection<String> known) {
        if (text == null || text.isBlank()) {
            throw new ExpressionException("a condition is required, e.g. failed_logins_1m > 50");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException("a condition is at most " + MAX_LENGTH + " characters, this one has "
                    + text.length());
        }
        Parser parser = new Parser(text, Set.copyOf(known));
        Node root = parser.condition(0);
        parser.expectEnd();
        if (!(root instanceof Bool)) {
            throw new ExpressionException("'" + text.strip() + "' is a number, not a condition: compare it, e.g. "
                    + text.strip() + " > 0");
        }
        return new Expression(text.strip(), root, List.copyOf(parser.used));
    }

    /** Whether the condition holds for these feature values (a missing feature is NaN: every comparison false). */
    public boolean test(Map<String, Double> values) {
        return ((Bool) root).test(values);
    }

    /** The feature names it reads, in order of first use. */
    public List<String> features() {
        return features;
    }

    /**
     * The number the first feature is compared with, when the condition starts {@code feature op number} (what an
     * explanation calls "expected"); NaN otherwise.
     */
    public double firstLimit() {
        Node node = root;
        while (node instanceof Logic logic) {
            node = logic.left();
        }
        return node instanceof Compare c && c.left() instanceof Feature && c.right() instanceof Num n ? n.value()
                : Double.NaN;
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- the tree: numbers and truths, each evaluated over the feature values

    private sealed interface Node permits Numeric, Bool {
    }

    private sealed interface Numeric extends Node permits Num, Feature, Neg, Arith, Call {
        double value(Map<String, Double> values);
    }

    private sealed interface Bool extends Node permits Compare, Logic, Not {
        boolean test(Map<String, Double> values);
    }

    private record Num(double value) implements Numeric {
        @Override
        public double value(Map<String, Double> values) {
            return value;
        }
    }

    private record Feature(String name) implements Numeric {
        @Override
        public double value(Map<String, Double> values) {
            Double v = values.get(name);
            return v == null ? Double.NaN : v;
        }
    }

    private record Neg(Numeric operand) implements Numeric {
        @Override
        public double value(Map<String, Double> values) {
            return -operand.value(values);
        }
    }

    private record Arith(char op, Numeric left, Numeric right) implements Numeric {
        @Override
        public double value(Map<String, Double> values) {
            double l = left.value(values);
            double r = right.value(values);
            return switch (op) {
                case '+' -> l + r;
                case '-' -> l - r;
                case '*' -> l * r;
                default -> r == 0 ? Double.NaN : l / r;
            };
        }
    }

    private record Call(String function, List<Numeric> arguments) implements Numeric {
        @Override
        public double value(Map<String, Double> values) {
            double result = arguments.get(0).value(values);
            for (int i = 1; i < arguments.size(); i++) {
                double next = arguments.get(i).value(values);
                result = function.equals("min") ? Math.min(result, next) : Math.max(result, next);
            }
            return function.equals("abs") ? Math.abs(result) : result;
        }
    }

    private record Compare(String op, Numeric left, Numeric right) implements Bool {
        @Override
        public boolean test(Map<String, Double> values) {
            double l = left.value(values);
            double r = right.value(values);
            return switch (op) {
                case ">" -> l > r;
                case ">=" -> l >= r;
                case "<" -> l < r;
                case "<=" -> l <= r;
                case "==" -> l == r;
                default -> !Double.isNaN(l) && !Double.isNaN(r) && l != r;
            };
        }
    }

    private record Logic(boolean and, Bool left, Bool right) implements Bool {
        @Override
        public boolean test(Map<String, Double> values) {
            return and ? left.test(values) && right.test(values) : left.test(values) || right.test(values);
        }
    }

    private record Not(Bool operand) implements Bool {
        @Override
        public boolean test(Map<String, Double> values) {
            return !operand.test(values);
        }
    }

    // ---- recursive descent over the characters, one method per line of the grammar

    private static final class Parser {
        private final String text;
        private final Set<String> known;
        private final Set<String> used = new LinkedHashSet<>();
        private int at;

        Parser(String text, Set<String> known) {
            this.text = text;
            this.known = known;
        }

        Node condition(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " deep");
            }
            Node left = and(depth);
            while (word("or")) {
                left = new Logic(false, truth(left, "or"), truth(and(depth), "or"));
            }
            return left;
        }

        private Node and(int depth) {
            Node left = not(depth);
            while (word("and")) {
                left = new Logic(true, truth(left, "and"), truth(not(depth), "and"));
            }
            return left;
        }

        private Node not(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " deep");
            }
            if (word("not")) {
                return new Not(truth(not(depth + 1), "not"));
            }
            return comparison(depth);
        }

        private Node comparison(int depth) {
            Node left = sum(depth);
            skipSpaces();
            for (String op : List.of(">=", "<=", "==", "!=", ">", "<")) {
                if (text.startsWith(op, at)) {
                    at += op.length();
                    return new Compare(op, number(left, op), number(sum(depth), op));
                }
            }
            if (text.startsWith("=", at)) {
                throw error("'=' is not a comparison: use '==' to compare");
            }
            return left;
        }

        private Node sum(int depth) {
            Node left = product(depth);
            while (true) {
                skipSpaces();
                if (peek('+') || peek('-')) {
                    char op = text.charAt(at++);
                    left = new Arith(op, number(left, String.valueOf(op)), number(product(depth), String.valueOf(op)));
                } else {
                    return left;
                }
            }
        }

        private Node product(int depth) {
            Node left = unary(depth);
            while (true) {
                skipSpaces();
                if (peek('*') || peek('/')) {
                    char op = text.charAt(at++);
                    left = new Arith(op, number(left, String.valueOf(op)), number(unary(depth), String.valueOf(op)));
                } else {
                    return left;
                }
            }
        }

        private Node unary(int depth) {
            skipSpaces();
            if (peek('-')) {
                at++;
                if (depth > MAX_DEPTH) {
                    throw error("nested more than " + MAX_DEPTH + " deep");
                }
                return new Neg(number(unary(depth + 1), "-"));
            }
            return primary(depth);
        }

        private Node primary(int depth) {
            skipSpaces();
            if (at >= text.length()) {
                throw error("the condition ends where a number or a feature was expected");
            }
            char c = text.charAt(at);
            if (c == '(') {
                at++;
                Node inner = condition(depth + 1);
                expect(')');
                return inner;
            }
            if (Character.isDigit(c) || c == '.') {
                return numberLiteral();
            }
            if (Character.isLetter(c) || c == '_') {
                int start = at;
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                    at++;
                }
                String name = text.substring(start, at);
                skipSpaces();
                if (FUNCTIONS.contains(name) && peek('(')) {
                    return call(name, start, depth);
                }
                if (peek('(') || peek('.') || peek('[')) {
                    char next = text.charAt(at);
                    at = start;
                    throw error("'" + name + next + "': there are no methods, fields or indexing here, only"
                            + " features, numbers and min, max, abs");
                }
                if (WORDS.contains(name)) {
                    at = start;
                    throw error("'" + name + "' needs a condition on its left");
                }
                if (!known.contains(name)) {
                    at = start;
                    throw error("unknown feature '" + name + "'" + suggestion(name));
                }
                used.add(name);
                return new Feature(name);
            }
            if (c == '&' || c == '|' || c == '!') {
                throw cStyle(c);
            }
            throw error("unexpected '" + c + "': expected a number, a feature or '('");
        }

        private Node call(String function, int start, int depth) {
            expect('(');
            List<Numeric> arguments = new ArrayList<>();
            arguments.add(number(sum(depth + 1), function));
            skipSpaces();
            while (peek(',')) {
                at++;
                arguments.add(number(sum(depth + 1), function));
                skipSpaces();
            }
            expect(')');
            if (function.equals("abs") != (arguments.size() == 1)) {
                at = start;
                throw error(function.equals("abs") ? "abs takes one number" : function + " takes two numbers or more");
            }
            return new Call(function, List.copyOf(arguments));
        }

        private Node numberLiteral() {
            int start = at;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                at++;
                if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                    at++;
                }
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
            }
            String literal = text.substring(start, at);
            try {
                double value = Double.parseDouble(literal);
                if (!Double.isFinite(value)) {
                    at = start;
                    throw error("'" + literal + "' is not a finite number");
                }
                return new Num(value);
            } catch (NumberFormatException e) {
                at = start;
                throw error("'" + literal + "' is not a number");
            }
        }

        private Numeric number(Node node, String op) {
            if (node instanceof Numeric n) {
                return n;
            }
            throw error("'" + op + "' needs numbers on both sides, got a condition");
        }

        private Bool truth(Node node, String op) {
            if (node instanceof Bool b) {
                return b;
            }
            throw error("'" + op + "' joins conditions (comparisons), got a number");
        }

        private boolean word(String word) {
            skipSpaces();
            int end = at + word.length();
            if (text.regionMatches(true, at, word, 0, word.length())
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_')) {
                at = end;
                return true;
            }
            return false;
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void expect(char c) {
            skipSpaces();
            if (!peek(c)) {
                throw error(at >= text.length() ? "the condition ends where '" + c + "' was expected"
                        : "expected '" + c + "', got '" + text.charAt(at) + "'");
            }
            at++;
        }

        void expectEnd() {
            skipSpaces();
            if (peek('&') || peek('|') || peek('!') && !text.startsWith("!=", at)) {
                throw cStyle(text.charAt(at));
            }
            if (at < text.length()) {
                throw error("unexpected '" + text.substring(at, Math.min(text.length(), at + 20))
                        + "' after a complete condition");
            }
        }

        private ExpressionException cStyle(char c) {
            return error("'" + c + "' is not an operator here: write and, or, not (and != for 'not equal')");
        }

        private void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private String suggestion(String name) {
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String candidate : known) {
                int d = distance(name.toLowerCase(Locale.ROOT), candidate);
                if (d < bestDistance || d == bestDistance && candidate.compareTo(best) < 0) {
                    best = candidate;
                    bestDistance = d;
                }
            }
            return best != null && bestDistance <= Math.max(2, name.length() / 3) ? " (did you mean '" + best + "'?)"
                    : "";
        }

        private static int distance(String a, String b) {
            int[] previous = new int[b.length() + 1];
            int[] current = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.length()];
        }

        private ExpressionException error(String reason) {
            return new ExpressionException(reason + " (column " + (Math.min(at, text.length()) + 1) + " of '"
                    + text.strip() + "')");
        }
    }
}
