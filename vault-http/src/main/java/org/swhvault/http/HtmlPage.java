package org.swhvault.http;

import java.nio.charset.StandardCharsets;

/**
 * The page a browser gets instead of JSON ({@code Accept: text/html}), as the reference renders its API
 * answers: the same JSON, indented and escaped, under a heading with the status. Stateless.
 */
final class HtmlPage {
    private HtmlPage() {
    }

    /** Whether an {@code Accept} header asks for HTML before JSON (browsers do; curl's {@code *}{@code /*} does not). */
    static boolean wanted(String accept) {
        if (accept == null) {
            return false;
        }
        int html = accept.indexOf("text/html");
        int json = accept.indexOf("application/json");
        return html >= 0 && (json < 0 || html < json);
    }

    static byte[] of(int status, String title, byte[] json) {
        String body = escape(indent(new String(json, StandardCharsets.UTF_8)));
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + " – Software Heritage Vault API</title>\n"
                + "<style>body{font-family:sans-serif;margin:1em auto;max-width:60em;padding:0 1em}"
                + "pre{background:#f4f4f4;padding:1em;overflow-x:auto;white-space:pre-wrap}</style>\n"
                + "</head>\n<body>\n<h1>" + escape(title) + "</h1>\n<p>HTTP " + status
                + " · <code>application/json</code> without <code>Accept: text/html</code></p>\n<pre>" + body
                + "</pre>\n</body>\n</html>\n";
        return page.getBytes(StandardCharsets.UTF_8);
    }

    /** Indents JSON that this server wrote (well-formed), two spaces a level. */
    static String indent(String json) {
        StringBuilder out = new StringBuilder(json.length() + 64);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    depth++;
                    out.append(c).append('\n').append("  ".repeat(depth));
                }
                case '}', ']' -> {
                    depth--;
                    out.append('\n').append("  ".repeat(Math.max(0, depth))).append(c);
                }
                case ',' -> out.append(",\n").append("  ".repeat(depth));
                case ':' -> out.append(": ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
