package io.slipway.sim.scenario;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the line of every key in a block-style YAML text, by indentation, because the values
 * Chronicle Wire returns carry no position. Paths are dotted with list indexes in brackets:
 * {@code market.venues}, {@code events[1].venue}. Keys inside one-line flow collections
 * ({@code {min: 1, max: 3}}) are not indexed; asking for one gives the line of the nearest
 * indexed ancestor, which is the same line. While indexing it rejects what YAML readers handle
 * badly or silently: tabs in indentation, a key given twice, a key with no value, type tags.
 */
final class KeyLines
{
    private static final class Frame
    {
        final int column;
        final String path;
        final boolean listEntry;
        int nextIndex;

        Frame(final int column, final String path, final boolean listEntry)
        {
            this.column = column;
            this.path = path;
            this.listEntry = listEntry;
        }
    }

    private final String fileName;
    private final Map<String, Integer> lines = new HashMap<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private int blockScalarColumn = -1;
    private int flowDepth;
    private boolean inFlow;
    private String emptyKeyPath;
    private int emptyKeyLine;
    private int emptyKeyColumn;

    private KeyLines(final String fileName)
    {
        this.fileName = fileName;
        stack.push(new Frame(-1, "", false));
    }

    static KeyLines index(final String fileName, final String text)
    {
        final KeyLines index = new KeyLines(fileName);
        final String[] rawLines = text.split("\r?\n", -1);
        for (int i = 0; i < rawLines.length; i++)
        {
            index.onLine(i + 1, rawLines[i]);
        }
        index.checkEmptyKey(Integer.MIN_VALUE, false);
        return index;
    }

    /** Line of the path, else of its nearest indexed ancestor, else 1. */
    int line(final String path)
    {
        String candidate = path;
        while (!candidate.isEmpty())
        {
            final Integer line = lines.get(candidate);
            if (line != null)
            {
                return line;
            }
            candidate = parent(candidate);
        }
        return 1;
    }

    static String parent(final String path)
    {
        final int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private void onLine(final int lineNumber, final String raw)
    {
        final String line = stripComment(raw).stripTrailing();
        int column = 0;
        while (column < line.length() && (line.charAt(column) == ' ' || line.charAt(column) == '\t'))
        {
            if (line.charAt(column) == '\t')
            {
                throw new ScenarioException(fileName, lineNumber, "", "tab in indentation; indent with spaces");
            }
            column++;
        }
        if (column == line.length())
        {
            return;
        }
        if (blockScalarColumn >= 0)
        {
            if (column > blockScalarColumn)
            {
                return;
            }
            blockScalarColumn = -1;
        }
        if (column == 0 && (line.startsWith("---") || line.startsWith("...")))
        {
            return;
        }
        if (hasTag(line))
        {
            // A tag makes the reader build an object of the named class; a scenario holds plain values only.
            throw new ScenarioException(fileName, lineNumber, "", "type tags (!...) are not allowed");
        }
        inFlow = flowDepth > 0;
        onContent(lineNumber, column, line.substring(column));
        flowDepth = Math.max(0, flowDepth + flowBalance(line));
    }

    private void onContent(final int lineNumber, final int column, final String content)
    {
        if (content.equals("-") || content.startsWith("- "))
        {
            checkEmptyKey(column, true);
            while (stack.peek().column > column || (stack.peek().column == column && stack.peek().listEntry))
            {
                stack.pop();
            }
            final Frame owner = stack.peek();
            final String path = owner.path + "[" + owner.nextIndex++ + "]";
            lines.put(path, lineNumber);
            stack.push(new Frame(column, path, true));
            final String rest = content.substring(1);
            final String item = rest.stripLeading();
            if (!item.isEmpty())
            {
                onContent(lineNumber, column + 1 + rest.length() - item.length(), item);
            }
            return;
        }
        final int colon = keyEnd(content);
        if (colon < 0)
        {
            // A scalar inside a list or a continued flow collection: nothing to index.
            checkEmptyKey(column, false);
            if (!inFlow && !stack.peek().listEntry)
            {
                // The reader cannot continue plain text on the next line; only folded text spans lines.
                throw new ScenarioException(fileName, lineNumber, stack.peek().path,
                    "text continued on a new line; fold it with '>'");
            }
            checkPlainComma(lineNumber, stack.peek().path, content);
            return;
        }
        checkEmptyKey(column, false);
        String key = content.substring(0, colon).strip();
        if (key.length() >= 2 && (key.charAt(0) == '"' || key.charAt(0) == '\''))
        {
            key = key.substring(1, key.length() - 1);
        }
        while (stack.peek().column >= column)
        {
            stack.pop();
        }
        final String parentPath = stack.peek().path;
        final String path = parentPath.isEmpty() ? key : parentPath + "." + key;
        final Integer previous = lines.putIfAbsent(path, lineNumber);
        if (previous != null)
        {
            throw new ScenarioException(fileName, lineNumber, path, "given twice (first on line " + previous + ")");
        }
        stack.push(new Frame(column, path, false));
        final String value = content.substring(colon + 1).strip();
        checkPlainComma(lineNumber, path, value);
        if (value.isEmpty())
        {
            emptyKeyPath = path;
            emptyKeyLine = lineNumber;
            emptyKeyColumn = column;
        }
        else if (value.startsWith("|") || value.startsWith(">"))
        {
            blockScalarColumn = column;
        }
    }

    /**
     * Chronicle Wire reads a comma in unquoted text as a separator: a value fails to parse, and a
     * list entry silently becomes two. Such text must be quoted or folded.
     */
    private void checkPlainComma(final int lineNumber, final String path, final String value)
    {
        if (!inFlow && !value.isEmpty() && "\"'[{|>".indexOf(value.charAt(0)) < 0 && value.indexOf(',') >= 0)
        {
            throw new ScenarioException(fileName, lineNumber, path,
                "text with a comma must be in quotes, or folded with '>'");
        }
    }

    /** A key with nothing after the colon must be followed by deeper lines, or by list entries at its own column. */
    private void checkEmptyKey(final int nextColumn, final boolean nextIsListEntry)
    {
        if (emptyKeyPath != null)
        {
            final boolean hasValue = nextColumn > emptyKeyColumn || (nextIsListEntry && nextColumn == emptyKeyColumn);
            if (!hasValue)
            {
                throw new ScenarioException(fileName, emptyKeyLine, emptyKeyPath, "has no value");
            }
            emptyKeyPath = null;
        }
    }

    /** Index of the colon ending a key at the start of the content, or -1 if the content is not {@code key: ...}. */
    private static int keyEnd(final String content)
    {
        final char first = content.charAt(0);
        if (first == '[' || first == '{')
        {
            return -1;
        }
        int from = 0;
        if (first == '"' || first == '\'')
        {
            final int close = content.indexOf(first, 1);
            if (close < 0)
            {
                return -1;
            }
            from = close + 1;
        }
        for (int i = from; i < content.length(); i++)
        {
            if (content.charAt(i) == ':' && (i + 1 == content.length() || content.charAt(i + 1) == ' '))
            {
                return i;
            }
        }
        return -1;
    }

    /** Opening minus closing brackets and braces outside quotes: flow collections may span lines. */
    private static int flowBalance(final String line)
    {
        int balance = 0;
        char quote = 0;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (quote != 0)
            {
                if (c == quote)
                {
                    quote = 0;
                }
            }
            else if ((c == '"' || c == '\'') && (i == 0 || " :[{,-".indexOf(line.charAt(i - 1)) >= 0))
            {
                quote = c;
            }
            else if (c == '[' || c == '{')
            {
                balance++;
            }
            else if (c == ']' || c == '}')
            {
                balance--;
            }
        }
        return balance;
    }

    /** Whether a '!' starts a value (first thing after a colon, a dash, '[', '{' or ','), outside quotes. */
    private static boolean hasTag(final String line)
    {
        char quote = 0;
        char previous = ':';
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (quote != 0)
            {
                if (c == quote)
                {
                    quote = 0;
                }
            }
            else if ((c == '"' || c == '\'') && ":-[{,".indexOf(previous) >= 0)
            {
                quote = c;
            }
            else if (c == '!' && ":-[{,".indexOf(previous) >= 0 && i + 1 < line.length() && line.charAt(i + 1) != ' ')
            {
                return true;
            }
            if (c != ' ')
            {
                previous = c;
            }
        }
        return false;
    }

    /** Drops a comment: a '#' at the start or after a space, outside quotes. */
    private static String stripComment(final String line)
    {
        char quote = 0;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (quote != 0)
            {
                if (c == quote)
                {
                    quote = 0;
                }
            }
            else if (c == '"' || c == '\'')
            {
                if (i == 0 || " :[{,-".indexOf(line.charAt(i - 1)) >= 0)
                {
                    quote = c;
                }
            }
            else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' '))
            {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
