import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws a JMH JSON result file as a horizontal bar chart: one bar per benchmark and parameter
 * combination (primary metric only), with the 99.9% confidence interval JMH reports as an error
 * bar. One chart per file and unit; written next to the JSON as a PNG.
 *
 * <p>Run as a single-file program: {@code java -Djava.awt.headless=true JmhChart.java a.json ...}.
 */
public final class JmhChart {

  record Bar(String label, double score, double error, String unit) {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("--summary")) {
      for (int i = 1; i < args.length; i++) {
        summarize(Path.of(args[i]));
      }
      return;
    }
    for (String arg : args) {
      Path json = Path.of(arg);
      List<Bar> bars = readBars(json);
      if (bars.isEmpty()) {
        System.err.println("no results in " + json);
        continue;
      }
      String base = json.getFileName().toString().replaceFirst("\\.json$", "");
      Map<String, List<Bar>> byUnit = new LinkedHashMap<>();
      for (Bar bar : bars) {
        byUnit.computeIfAbsent(bar.unit(), unit -> new ArrayList<>()).add(bar);
      }
      for (Map.Entry<String, List<Bar>> entry : byUnit.entrySet()) {
        String suffix = byUnit.size() == 1 ? "" : "-" + entry.getKey().replaceAll("[^A-Za-z]", "");
        Path png = json.resolveSibling(base + suffix + ".png");
        draw(base + " (" + entry.getKey() + ", 99.9% CI)", entry.getValue(), png);
        System.out.println("wrote " + png);
      }
    }
  }

  @SuppressWarnings("unchecked")
  static List<Bar> readBars(Path json) throws IOException {
    Object parsed = new Json(Files.readString(json)).value();
    List<Bar> bars = new ArrayList<>();
    for (Object item : (List<Object>) parsed) {
      Map<String, Object> result = (Map<String, Object>) item;
      String benchmark = (String) result.get("benchmark");
      String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      StringBuilder label = new StringBuilder(shortName);
      Object params = result.get("params");
      if (params instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> param : map.entrySet()) {
          label.append(' ').append(param.getKey()).append('=').append(param.getValue());
        }
      }
      Object threads = result.get("threads");
      if (threads instanceof Number n && n.intValue() > 1) {
        label.append(" threads=").append(n.intValue());
      }
      Map<String, Object> metric = (Map<String, Object>) result.get("primaryMetric");
      double score = ((Number) metric.get("score")).doubleValue();
      Object rawError = metric.get("scoreError");
      double error = rawError instanceof Number e && !Double.isNaN(e.doubleValue()) ? e.doubleValue() : 0;
      bars.add(new Bar(label.toString(), score, error, (String) metric.get("scoreUnit")));
    }
    return bars;
  }

  /**
   * Prints markdown tables: for span benchmarks, each capture's overhead above {@code NOOP} in the
   * same run and its ratio to {@code SIMPLE_IN_MEMORY}'s overhead; for the extension benchmark,
   * the marginal per-test cost. Errors of differences are the sum of both 99.9% half-widths
   * (conservative).
   */
  @SuppressWarnings("unchecked")
  static void summarize(Path json) throws IOException {
    Map<String, Map<String, double[]>> groups = new LinkedHashMap<>();
    String unit = "";
    for (Object item : (List<Object>) new Json(Files.readString(json)).value()) {
      Map<String, Object> result = (Map<String, Object>) item;
      Map<String, Object> params = new LinkedHashMap<>((Map<String, Object>) result.get("params"));
      String benchmark = (String) result.get("benchmark");
      Map<String, Object> metric = (Map<String, Object>) result.get("primaryMetric");
      unit = (String) metric.get("scoreUnit");
      double score = ((Number) metric.get("score")).doubleValue();
      double error = metric.get("scoreError") instanceof Number e ? e.doubleValue() : Double.NaN;
      String variantKey = params.containsKey("capture") ? "capture" : params.containsKey("extension") ? "extension" : null;
      if (variantKey == null) {
        continue;
      }
      String variant = (String) params.remove(variantKey);
      String group = benchmark.substring(benchmark.lastIndexOf('.') + 1) + " " + params;
      groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(variant, new double[] {score, error});
    }
    System.out.println("### " + json.getFileName());
    for (Map.Entry<String, Map<String, double[]>> group : groups.entrySet()) {
      Map<String, double[]> v = group.getValue();
      System.out.println();
      System.out.println("`" + group.getKey() + "`");
      System.out.println();
      double[] floor = v.get("NOOP");
      double[] simple = v.get("SIMPLE_IN_MEMORY");
      if (floor != null) {
        System.out.println("| capture | " + unit + " | above NOOP | ratio to SIMPLE_IN_MEMORY's overhead |");
        System.out.println("| --- | ---: | ---: | ---: |");
        double simpleOver = simple == null ? Double.NaN : simple[0] - floor[0];
        for (Map.Entry<String, double[]> e : v.entrySet()) {
          double[] x = e.getValue();
          double over = x[0] - floor[0];
          System.out.printf(Locale.ROOT, "| %s | %.1f ± %.1f | %s | %s |%n", e.getKey(), x[0], x[1],
              e.getKey().equals("NOOP") ? "—" : String.format(Locale.ROOT, "%+.1f ± %.1f", over, x[1] + floor[1]),
              e.getKey().equals("NOOP") || Double.isNaN(simpleOver) ? "—" : String.format(Locale.ROOT, "%.2f", over / simpleOver));
        }
      } else {
        System.out.println("| variant | score |");
        System.out.println("| --- | ---: |");
        for (Map.Entry<String, double[]> e : v.entrySet()) {
          System.out.printf(Locale.ROOT, "| %s | %.1f ± %.1f %s |%n", e.getKey(), e.getValue()[0], e.getValue()[1], unit);
        }
      }
    }
    // Extension: marginal cost per test from tests=1 and tests=20.
    Map<String, double[]> one = null;
    Map<String, double[]> twenty = null;
    for (Map.Entry<String, Map<String, double[]>> group : groups.entrySet()) {
      if (group.getKey().contains("tests=1}")) {
        one = group.getValue();
      } else if (group.getKey().contains("tests=20}")) {
        twenty = group.getValue();
      }
    }
    if (one != null && twenty != null) {
      System.out.println();
      System.out.println("| extension | per test (marginal, " + unit + ") | above NONE | once per class |");
      System.out.println("| --- | ---: | ---: | ---: |");
      double[] none1 = one.get("NONE");
      double[] none20 = twenty.get("NONE");
      double noneMarginal = none1 == null || none20 == null ? Double.NaN : (none20[0] - none1[0]) / 19;
      for (String ext : twenty.keySet()) {
        double[] a = one.get(ext);
        double[] b = twenty.get(ext);
        if (a == null) {
          continue;
        }
        double marginal = (b[0] - a[0]) / 19;
        double marginalError = (a[1] + b[1]) / 19;
        System.out.printf(Locale.ROOT, "| %s | %.1f ± %.1f | %s | %.1f |%n", ext, marginal, marginalError,
            ext.equals("NONE") || Double.isNaN(noneMarginal) ? "—" : String.format(Locale.ROOT, "%+.1f", marginal - noneMarginal), a[0] - marginal);
      }
    }
    System.out.println();
  }

  static void draw(String title, List<Bar> bars, Path png) throws IOException {
    int barHeight = 22;
    int gap = 8;
    int top = 50;
    int labelWidth = 0;
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D probeGraphics = probe.createGraphics();
    FontMetrics metrics = probeGraphics.getFontMetrics(font);
    for (Bar bar : bars) {
      labelWidth = Math.max(labelWidth, metrics.stringWidth(bar.label()));
    }
    probeGraphics.dispose();
    int left = labelWidth + 20;
    int plotWidth = 640;
    int width = left + plotWidth + 130;
    int height = top + bars.size() * (barHeight + gap) + 40;
    double max = 0;
    for (Bar bar : bars) {
      max = Math.max(max, bar.score() + bar.error());
    }
    max = max <= 0 ? 1 : max * 1.05;

    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(font.deriveFont(Font.BOLD, 14f));
    g.drawString(title, 10, 24);
    g.setFont(font);
    g.setColor(new Color(0xDDDDDD));
    for (int tick = 0; tick <= 4; tick++) {
      int x = left + plotWidth * tick / 4;
      g.drawLine(x, top - 6, x, height - 30);
      g.setColor(Color.DARK_GRAY);
      g.drawString(format(max * tick / 4), x - 10, height - 14);
      g.setColor(new Color(0xDDDDDD));
    }
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      int y = top + i * (barHeight + gap);
      int length = (int) Math.round(plotWidth * bar.score() / max);
      g.setColor(Color.BLACK);
      g.drawString(bar.label(), left - 10 - metrics.stringWidth(bar.label()), y + barHeight - 6);
      g.setColor(colorFor(bar.label()));
      g.fillRect(left, y, Math.max(1, length), barHeight);
      if (bar.error() > 0) {
        int low = left + (int) Math.round(plotWidth * Math.max(0, bar.score() - bar.error()) / max);
        int high = left + (int) Math.round(plotWidth * (bar.score() + bar.error()) / max);
        int mid = y + barHeight / 2;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(low, mid, high, mid);
        g.drawLine(low, mid - 5, low, mid + 5);
        g.drawLine(high, mid - 5, high, mid + 5);
      }
      g.setColor(Color.BLACK);
      String value = format(bar.score()) + (bar.error() > 0 ? " ± " + format(bar.error()) : "");
      int end = left + (int) Math.round(plotWidth * (bar.score() + bar.error()) / max);
      g.drawString(value, Math.max(left + length, end) + 8, y + barHeight - 6);
    }
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static Color colorFor(String label) {
    if (label.contains("SPANPROOF") || label.contains("spanproof")) {
      return new Color(0x2E7D32);
    }
    if (label.contains("NOOP") || label.contains("NONE")) {
      return new Color(0x9E9E9E);
    }
    return new Color(0x1565C0);
  }

  private static String format(double value) {
    if (value == 0) {
      return "0";
    }
    if (value >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** Just enough JSON for JMH's output: objects, arrays, strings, numbers, literals. */
  static final class Json {
    private final String text;
    private int pos;

    Json(String text) {
      this.text = text;
    }

    Object value() {
      skipSpace();
      char c = text.charAt(pos);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        default:
          return literal();
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      pos++;
      skipSpace();
      if (text.charAt(pos) == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        expect(':');
        map.put(key, value());
        skipSpace();
        if (text.charAt(pos) == ',') {
          pos++;
        } else {
          expect('}');
          return map;
        }
      }
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      pos++;
      skipSpace();
      if (text.charAt(pos) == ']') {
        pos++;
        return list;
      }
      while (true) {
        list.add(value());
        skipSpace();
        if (text.charAt(pos) == ',') {
          pos++;
        } else {
          expect(']');
          return list;
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (text.charAt(pos) != '"') {
        char c = text.charAt(pos++);
        if (c == '\\') {
          char escaped = text.charAt(pos++);
          switch (escaped) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
              out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
              pos += 4;
            }
            default -> out.append(escaped);
          }
        } else {
          out.append(c);
        }
      }
      pos++;
      return out.toString();
    }

    private Object literal() {
      int start = pos;
      while (pos < text.length() && ",}] \n\r\t".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      String token = text.substring(start, pos);
      return switch (token) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        case "null" -> null;
        case "NaN" -> Double.NaN;
        default -> Double.parseDouble(token);
      };
    }

    private void expect(char c) {
      if (text.charAt(pos) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + pos + " but found '" + text.charAt(pos) + "'");
      }
      pos++;
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }
  }
}
