package dev.vigil.features.logs;

/**
 * A log template as the miner knows it now.
 *
 * @param id      stable id: the first 12 hex digits of the SHA-256 of the first line's masked, tokenized text (with
 *                {@code -2}, {@code -3}... on the rare collision), fixed when the template is created and kept by
 *                snapshots, so it never changes as the template generalises
 * @param text    the template: the line's tokens joined by one space, with {@value #WILDCARD} where lines differ or a
 *                mask matched
 * @param count   lines matched so far, the first included
 * @param name    what to call it: the name configured by a {@link TemplateOverrides rename}, else the id
 * @param ignored true when configuration marks the template as ignore: downstream counts should skip it
 */
public record Template(String id, String text, long count, String name, boolean ignored) {

    /** The wildcard token of templates and masks. */
    public static final String WILDCARD = "<*>";
}
