package dev.pullplan.cli;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two small texts (config files), for {@code fmt -diff}: longest common subsequence of lines. */
final class LineDiff {
  private static final int CONTEXT = 3;

  private LineDiff() {}

  private record Edit(char kind, String line, int oldLine, int newLine) {}

  static String unified(String name, String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<Edit> edits = edits(a, b);
    StringBuilder out = new StringBuilder("--- old/" + name + "\n+++ new/" + name + "\n");
    int i = 0;
    while (i < edits.size()) {
      if (edits.get(i).kind() == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      int lastChange = i;
      while (end < edits.size() && (edits.get(end).kind() != ' ' || end - lastChange <= 2 * CONTEXT)) {
        if (edits.get(end).kind() != ' ') {
          lastChange = end;
        }
        end++;
      }
      end = Math.min(edits.size(), lastChange + CONTEXT + 1);
      List<Edit> hunk = edits.subList(start, end);
      long oldCount = hunk.stream().filter(e -> e.kind() != '+').count();
      long newCount = hunk.stream().filter(e -> e.kind() != '-').count();
      out.append("@@ -").append(hunk.get(0).oldLine() + 1).append(',').append(oldCount)
          .append(" +").append(hunk.get(0).newLine() + 1).append(',').append(newCount).append(" @@\n");
      hunk.forEach(e -> out.append(e.kind()).append(e.line()).append('\n'));
      i = end;
    }
    return out.toString();
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static List<Edit> edits(List<String> a, List<String> b) {
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<Edit> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        out.add(new Edit(' ', a.get(i), i++, j++));
      } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
        out.add(new Edit('-', a.get(i), i++, j));
      } else {
        out.add(new Edit('+', b.get(j), i, j++));
      }
    }
    return out;
  }
}
