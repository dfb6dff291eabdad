package io.swarmops.ops.opts;

import java.util.ArrayList;
import java.util.List;

/**
 * Command lines as docker splits {@code --entrypoint}, {@code --args}, {@code --health-cmd} and
 * compose's string {@code command}/{@code entrypoint}: google/shlex's {@code Split}. Blanks are
 * space, tab, CR and LF only; single quotes are literal; in double quotes a backslash takes the
 * next character as it is; a {@code #} starting a word comments out the rest of the line.
 */
public final class ShellWords {
    private ShellWords() {
    }

    public static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return words;
            }
            if (s.charAt(i) == '#') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            StringBuilder word = new StringBuilder();
            while (i < n && !isSpace(s.charAt(i))) {
                char c = s.charAt(i++);
                if (c == '\\') {
                    if (i >= n) {
                        throw new InvalidSyntax("EOF found after escape character");
                    }
                    word.append(s.charAt(i++));
                } else if (c == '"') {
                    while (true) {
                        if (i >= n) {
                            throw new InvalidSyntax("EOF found when expecting closing quote");
                        }
                        char q = s.charAt(i++);
                        if (q == '"') {
                            break;
                        }
                        if (q == '\\') {
                            if (i >= n) {
                                throw new InvalidSyntax("EOF found after escape character");
                            }
                            q = s.charAt(i++);
                        }
                        word.append(q);
                    }
                } else if (c == '\'') {
                    int end = s.indexOf('\'', i);
                    if (end < 0) {
                        throw new InvalidSyntax("EOF found when expecting closing quote");
                    }
                    word.append(s, i, end);
                    i = end + 1;
                } else {
                    word.append(c);
                }
            }
            words.add(word.toString());
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
