package dev.vigil.ingest.kafka;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The log line formats Vigil ships, by name: Vigil's own default, syslog (RFC 3164 and RFC 5424), Apache and Nginx
 * access and error logs, and the 16 loghub systems (Android, Apache, BGL, HDFS, HPC, Hadoop, HealthApp, Linux, Mac,
 * OpenSSH, OpenStack, Proxifier, Spark, Thunderbird, Windows, Zookeeper) with the layouts of loghub's benchmark
 * settings. Names are matched ignoring case. See {@link LogFormat} for what the group names mean.
 */
public final class LogFormats {

    /** Vigil's own text lines: {@code 2026-11-22T10:00:00Z ERROR checkout payment declined}. */
    public static final String VIGIL = "vigil";

    private static final Map<String, LogFormat> FORMATS = new LinkedHashMap<>();

    static {
        add(LogFormat.of(VIGIL, "Vigil text lines: <ISO time> <level> <service> <message>",
                LogRecordParser.DEFAULT_LINE_PATTERN));
        add(LogFormat.of("syslog-rfc3164",
                "BSD syslog (RFC 3164): [<PRI>]Mmm dd hh:mm:ss host tag[pid]: message; tag(sub) and tag/sub keep sub as subsystem",
                "^(?:<(?<pri>\\d{1,3})>)?(?<time>[A-Z][a-z]{2} {1,2}\\d{1,2} \\d{2}:\\d{2}:\\d{2}) (?<host>\\S+) "
                        + "(?<service>[A-Za-z0-9_.\\-]+)(?:[/(](?<subsystem>[^)\\[\\s:]*)\\)?)?(?:\\[(?<pid>\\d+)\\])?: ?"
                        + "(?<message>.*)$"));
        add(LogFormat.of("syslog-rfc5424",
                "syslog (RFC 5424): <PRI>1 ISO-time host app procid msgid [structured-data] message",
                "^<(?<pri>\\d{1,3})>(?<version>\\d{1,2}) (?<ts>\\S+) (?<host>\\S+) (?<service>\\S+) (?<procid>\\S+) "
                        + "(?<msgid>\\S+) (?<sd>-|(?:\\[(?:[^\\]\\\\]|\\\\.)*\\])+)(?: (?<message>.*))?$"));
        String access = "^(?<client>\\S+) (?<ident>\\S+) (?<user>\\S+) \\[(?<time>[^\\]]+)\\] \"(?<message>(?:[^\"\\\\]|\\\\.)*)\" "
                + "(?<status>\\d{3}) (?<bytes>\\d+|-)(?: \"(?<referer>(?:[^\"\\\\]|\\\\.)*)\" \"(?<agent>(?:[^\"\\\\]|\\\\.)*)\")?.*$";
        add(LogFormat.of("apache-access",
                "Apache httpd access log, Common or Combined Log Format: host ident user [time] \"request\" status bytes "
                        + "[\"referer\" \"agent\"]; the request line is the message", access));
        add(LogFormat.of("nginx-access",
                "Nginx access log, default 'combined' format: addr - user [time] \"request\" status bytes \"referer\" "
                        + "\"agent\"; the request line is the message", access));
        add(LogFormat.of("apache-error",
                "Apache httpd error log, 2.2 and 2.4: [time] [module:level] [pid N:tid N] [client addr] message",
                "^\\[(?<time>[^\\]]+)\\] \\[(?:(?<module>[^:\\]\\s]+):)?(?<level>[a-z]+)\\d?\\]"
                        + "(?: \\[pid (?<pid>\\d+)(?::tid (?<tid>\\d+))?\\])?(?: \\[client (?<client>[^\\]]+)\\])? "
                        + "(?<message>.*)$"));
        add(LogFormat.of("nginx-error",
                "Nginx error log: yyyy/MM/dd HH:mm:ss [level] pid#tid: [*connection ]message",
                "^(?<time>\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}) \\[(?<level>[a-z]+)\\] (?<pid>\\d+)#(?<tid>\\d+): "
                        + "(?:\\*(?<connection>\\d+) )?(?<message>.*)$"));

        loghub("Android", "Android logcat (threadtime)",
                "<date> <time>  <pid>  <tid> <level> <component>: <message>");
        loghub("Apache", "Apache 2.0 error log (loghub sample)", "\\[<time>\\] \\[<level>\\] <message>");
        loghub("BGL", "Blue Gene/L RAS log",
                "<label> <epoch> <date> <node> <time> <nodeRepeat> <type> <component> <level> <message>");
        loghub("HDFS", "Hadoop HDFS (yyMMdd HHmmss)", "<date> <time> <pid> <level> <component>: <message>");
        loghub("HPC", "HPC cluster log", "<logId> <node> <component> <state> <epoch> <flag> <message>");
        loghub("Hadoop", "Hadoop MapReduce (log4j)", "<date> <time> <level> \\[<process>\\] <component>: <message>");
        loghub("HealthApp", "HealthApp (pipe-separated)", "<time>\\|<component>\\|<pid>\\|<message>");
        loghub("Linux", "Linux syslog (no year, host before the tag)",
                "<month> <day> <time> <host> <component>(\\[<pid>\\])?: <message>");
        loghub("Mac", "macOS system log", "<month>  <day> <time> <host> <component>\\[<pid>\\]( \\(<address>\\))?: <message>");
        loghub("OpenSSH", "OpenSSH server via syslog", "<month> <day> <time> <host> sshd\\[<pid>\\]: <message>");
        loghub("OpenStack", "OpenStack nova",
                "<logrecord> <date> <time> <pid> <level> <component> \\[<addr>\\] <message>");
        loghub("Proxifier", "Proxifier", "\\[<time>\\] <program> - <message>");
        loghub("Spark", "Apache Spark (log4j)", "<date> <time> <level> <component>: <message>");
        loghub("Thunderbird", "Thunderbird supercomputer syslog",
                "<label> <epoch> <date> <user> <month> <day> <time> <location> <component>(\\[<pid>\\])?: <message>");
        loghub("Windows", "Windows CBS log", "<date> <time>, <level>                  <component>    <message>");
        loghub("Zookeeper", "ZooKeeper (log4j)",
                "<date> <time> - <level>  \\[<node>:<component>@<lineNumber>\\] - <message>");
    }

    private LogFormats() {
    }

    private static void add(LogFormat format) {
        FORMATS.put(format.name().toLowerCase(Locale.ROOT), format);
    }

    private static void loghub(String name, String description, String format) {
        add(LogFormat.loghub(name, description, format));
    }

    /**
     * A shipped format by name, ignoring case.
     *
     * @throws IllegalArgumentException naming every shipped format when there is none of that name
     */
    public static LogFormat get(String name) {
        LogFormat format = name == null ? null : FORMATS.get(name.toLowerCase(Locale.ROOT));
        if (format == null) {
            throw new IllegalArgumentException("unknown log format '" + name + "', shipped formats: " + names());
        }
        return format;
    }

    /** Every shipped format, in a fixed order. */
    public static Collection<LogFormat> all() {
        return Collections.unmodifiableCollection(FORMATS.values());
    }

    /** Their names, comma-separated, for messages. */
    public static String names() {
        return FORMATS.values().stream().map(LogFormat::name).collect(Collectors.joining(", "));
    }
}
