package dev.vigil.alerting.notify.jira;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The few Atlassian Document Format nodes Vigil writes (doc, paragraph, heading, table, bulletList, text). ADF text
 * nodes are literal, so no entity or markup in an alert can turn into Jira formatting; ADF refuses empty text nodes,
 * so an empty string is written as a dash.
 */
final class Adf {

    private final ObjectMapper json;

    Adf(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode doc(ObjectNode... blocks) {
        ObjectNode doc = json.createObjectNode().put("type", "doc").put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (ObjectNode block : blocks) {
            if (block != null) {
                content.add(block);
            }
        }
        return doc;
    }

    ObjectNode paragraph(String text) {
        ObjectNode paragraph = json.createObjectNode().put("type", "paragraph");
        paragraph.putArray("content").add(text(text));
        return paragraph;
    }

    ObjectNode heading(int level, String text) {
        ObjectNode heading = json.createObjectNode().put("type", "heading");
        heading.putObject("attrs").put("level", level);
        heading.putArray("content").add(text(text));
        return heading;
    }

    /** A two-column table: the name in a header cell, the value beside it. */
    ObjectNode table(Map<String, String> rows) {
        ObjectNode table = json.createObjectNode().put("type", "table");
        table.putObject("attrs").put("isNumberColumnEnabled", false).put("layout", "default");
        ArrayNode content = table.putArray("content");
        rows.forEach((name, value) -> {
            ObjectNode row = content.addObject().put("type", "tableRow");
            ArrayNode cells = row.putArray("content");
            cells.addObject().put("type", "tableHeader").putArray("content").add(paragraph(name));
            cells.addObject().put("type", "tableCell").putArray("content").add(paragraph(value));
        });
        return table;
    }

    /** Null when there is nothing to list: ADF lists need at least one item. */
    ObjectNode bulletList(List<String> items) {
        if (items.isEmpty()) {
            return null;
        }
        ObjectNode list = json.createObjectNode().put("type", "bulletList");
        ArrayNode content = list.putArray("content");
        for (String item : items) {
            content.addObject().put("type", "listItem").putArray("content").add(paragraph(item));
        }
        return list;
    }

    private ObjectNode text(String text) {
        return json.createObjectNode().put("type", "text").put("text", text == null || text.isEmpty() ? "-" : text);
    }
}
